import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { EmptyState } from "~/components/empty-state";
import { auditFilterOptions, listAuditLog } from "~/models/audit.server";
import { requireRole } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";
import { pageMeta } from "~/utils/meta";
import { AUDIT_LOG_HREF } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Logg", "Vad arrangörer, moderatorer och administratörer har gjort, och när.");

// Read-only: the log has no action, and nothing in the app edits or deletes its rows.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const url = new URL(request.url);
  const options = await auditFilterOptions();
  const action = options.actions.find((a) => a === url.searchParams.get("handling"));
  const entityType = options.entityTypes.find((t) => t === url.searchParams.get("typ"));
  const before = url.searchParams.get("fore")?.slice(0, 64) || undefined;
  const page = await listAuditLog({ action: action ? `${action}.` : undefined, entityType, before }).catch(() => null);
  if (!page) throw new Response("Sidan i loggen finns inte.", { status: 404 });
  return json({ ...page, options, action: action ?? "", entityType: entityType ?? "" });
}

export default function AuditLogPage() {
  const { rows, next, options, action, entityType } = useLoaderData<typeof loader>();
  const nextQuery = new URLSearchParams({ ...(action ? { handling: action } : {}), ...(entityType ? { typ: entityType } : {}), ...(next ? { fore: next } : {}) });
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB]} current="Logg" />
      <h1>Logg</h1>
      <p className="lead">Varje ändring som arrangörer, moderatorer och administratörer gör sparas här, i samma stund som ändringen.</p>
      <Form method="get" className="filter-bar">
        <div className="field">
          <label htmlFor="logg-handling">Område</label>
          <select id="logg-handling" name="handling" defaultValue={action}>
            <option value="">Alla</option>
            {options.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="logg-typ">Typ av post</label>
          <select id="logg-typ" name="typ" defaultValue={entityType}>
            <option value="">Alla</option>
            {options.entityTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          Visa
        </button>
      </Form>
      {rows.length ? (
        <div className="table-scroll">
          <table>
            <caption>Loggposter, nyast först</caption>
            <thead>
              <tr>
                <th scope="col">Tid</th>
                <th scope="col">Vem</th>
                <th scope="col">Händelse</th>
                <th scope="col">Post</th>
                <th scope="col">Detaljer</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>{r.actor ? r.actor.name : "Systemet"}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>
                    {r.entityType}
                    {r.entityId ? <span className="muted"> {r.entityId}</span> : null}
                  </td>
                  <td>
                    <code className="audit-detail">{r.detail === "{}" ? "" : r.detail}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title="Inga loggposter">
          <p>{action || entityType ? "Inget matchar filtret." : "Loggen fylls när någon ändrar forum, case, roller eller meddelanden."}</p>
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
