import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { EmptyState } from "~/components/empty-state";
import { SelectField, TextField } from "~/components/forms";
import { auditFilterOptions, listAuditLog } from "~/models/audit.server";
import { requireRole } from "~/models/auth.server";
import { AUDIT_AREAS, auditActionLabel, auditFacts, auditLink } from "~/utils/audit-labels";
import { formatDateTime, fromStockholmInputValue } from "~/utils/format";
import { pageMeta } from "~/utils/meta";
import { AUDIT_LOG_HREF } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Logg", "Vad arrangörer, moderatorer och administratörer har gjort, och när.");

const day = (v: string | null, end = false) => {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const d = fromStockholmInputValue(`${v}T00:00`);
  return d && end ? new Date(d.getTime() + 24 * 3600_000) : d;
};

// Read-only: the log has no action, and nothing in the app edits or deletes its rows.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const url = new URL(request.url);
  const options = await auditFilterOptions();
  const action = options.actions.find((a) => a === url.searchParams.get("handling"));
  const actorId = options.people.find((p) => p.id === url.searchParams.get("vem"))?.id;
  const eventId = options.forums.find((f) => f.id === url.searchParams.get("forum"))?.id;
  const from = day(url.searchParams.get("fran"));
  const to = day(url.searchParams.get("till"), true);
  const before = url.searchParams.get("fore")?.slice(0, 64) || undefined;
  const page = await listAuditLog({ action: action ? `${action}.` : undefined, actorId, eventId, from, to, before }).catch(() => null);
  if (!page) throw new Response("Sidan i loggen finns inte.", { status: 404 });
  const filters = {
    handling: action ?? "",
    vem: actorId ?? "",
    forum: eventId ?? "",
    fran: from ? (url.searchParams.get("fran") ?? "") : "",
    till: to ? (url.searchParams.get("till") ?? "") : "",
  };
  return json({ ...page, options, filters });
}

export default function AuditLogPage() {
  const { rows, next, options, filters } = useLoaderData<typeof loader>();
  const active = Object.values(filters).some(Boolean);
  const nextQuery = new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), ...(next ? { fore: next } : {}) });
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB]} current="Logg" />
      <h1>Logg</h1>
      <p className="lead">Varje ändring som arrangörer, moderatorer och administratörer gör sparas här, i samma stund som ändringen.</p>
      <Form method="get" className="filter-bar" key={JSON.stringify(filters)}>
        <SelectField name="vem" label="Vem" id="logg-vem" defaultValue={filters.vem}>
          <option value="">Alla</option>
          {options.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField name="forum" label="Forum" id="logg-forum" defaultValue={filters.forum}>
          <option value="">Alla</option>
          {options.forums.map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
        </SelectField>
        <SelectField name="handling" label="Område" id="logg-handling" defaultValue={filters.handling}>
          <option value="">Alla</option>
          {options.actions.map((a) => (
            <option key={a} value={a}>
              {AUDIT_AREAS[a] ?? "Övrigt"}
            </option>
          ))}
        </SelectField>
        <TextField name="fran" type="date" label="Från" id="logg-fran" defaultValue={filters.fran} />
        <TextField name="till" type="date" label="Till och med" id="logg-till" defaultValue={filters.till} />
        <button type="submit" className="button button--secondary">
          Visa
        </button>
      </Form>
      {active ? (
        <p>
          <Link to={AUDIT_LOG_HREF}>Rensa filtren</Link>
        </p>
      ) : null}
      {rows.length ? (
        <div className="table-scroll">
          <table>
            <caption>Loggposter, nyast först</caption>
            <thead>
              <tr>
                <th scope="col">Tid</th>
                <th scope="col">Händelse</th>
                <th scope="col">Gäller</th>
                <th scope="col">Detaljer</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const link = auditLink(r);
                return (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <td>
                      {r.actor ? r.actor.name : "Systemet"} {auditActionLabel(r.action)}
                    </td>
                    <td>{link ? <Link to={link.to}>{link.label}</Link> : null}</td>
                    <td>{auditFacts(r.detail).join(". ")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title="Inga loggposter">
          <p>{active ? "Inget matchar filtret." : "Loggen fylls när någon ändrar forum, case, roller eller meddelanden."}</p>
        </EmptyState>
      )}
      {next ? (
        <nav className="pagination" aria-label="Fler loggposter">
          <Link to={`${AUDIT_LOG_HREF}?${nextQuery}`}>Äldre poster</Link>
        </nav>
      ) : null}
    </>
  );
}
