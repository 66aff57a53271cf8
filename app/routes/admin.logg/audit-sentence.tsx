import { Link } from "@remix-run/react";
import { actorTitle, describeAudit, type AuditPart, type AuditRefs } from "~/utils/audit-text";

/** One log entry as a Swedish sentence: who (a link that filters the log by them), what, and links to what it concerns. */
export function AuditSentence({
  row,
  actorHref,
}: {
  row: { action: string; entityId: string | null; detail: Record<string, unknown>; refs: AuditRefs; actor: { id: string; name: string; role: string } | null };
  actorHref: (actorId: string) => string;
}) {
  const parts = describeAudit(row, row.refs);
  const title = row.actor ? actorTitle(row.actor.role) : "";
  return (
    <>
      {row.actor ? (
        <>
          {title ? `${title} ` : null}
          <Link to={actorHref(row.actor.id)}>{row.actor.name}</Link>
        </>
      ) : (
        "Systemet"
      )}{" "}
      {parts.map((part, i) => (
        <Part key={i} part={part} />
      ))}
    </>
  );
}

function Part({ part }: { part: AuditPart }) {
  if (typeof part === "string") return <>{part}</>;
  return part.href ? <Link to={part.href}>{part.name}</Link> : <>{part.name}</>;
}
