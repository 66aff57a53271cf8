import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { EmptyState } from "~/components/empty-state";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { auditFilterOptions, listAuditPage } from "~/models/audit.server";
import { requireRole } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";
import { auditLogHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { AuditSentence } from "./audit-sentence";
import { parseAuditQuery } from "./filter";

export const meta: MetaFunction = () => pageMeta("Logg", "Vad arrangörer, moderatorer och administratörer har gjort, och när.");

// Read-only: the log has no action, and nothing in the app edits or deletes its rows.
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "organizer");
  const { query, errors, filter } = parseAuditQuery(new URL(request.url).searchParams);
  const options = await auditFilterOptions();
  if (errors.fran || errors.till) return json({ rows: [], next: null, options, query, errors, paged: false }, { status: 400 });
  const page = await listAuditPage(filter, viewer.role === "admin").catch(() => null);
  if (!page) throw new Response("Sidan i loggen finns inte.", { status: 404 });
  return json({ ...page, options, query, errors, paged: Boolean(filter.before) });
}

export default function AuditLogPage() {
  const { rows, next, options, query, errors, paged } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.person || query.forum || query.fran || query.till);
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB]} current="Logg" />
      <h1>Logg</h1>
      <p className="lead">Varje ändring som arrangörer, moderatorer och administratörer gör sparas här, i samma stund som ändringen.</p>
      <ErrorSummary errors={errors} labels={{ fran: "Från och med", till: "Till och med" }} />
      <Form method="get" className="filter-bar" aria-label="Filtrera loggen">
        <SelectField name="person" id="logg-person" label="Vem" defaultValue={query.person}>
          <option value="">Alla</option>
          {options.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField name="forum" id="logg-forum" label="Forum" defaultValue={query.forum}>
          <option value="">Alla</option>
          {options.forums.map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
        </SelectField>
        <TextField name="fran" id="fran" label="Från och med" type="date" defaultValue={query.fran} error={errors.fran} />
        <TextField name="till" id="till" label="Till och med" type="date" defaultValue={query.till} error={errors.till} />
        <button type="submit" className="button button--secondary">
          Visa
        </button>
      </Form>
      {filtered ? (
        <p>
          <Link to={auditLogHref({})}>Visa hela loggen</Link>
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
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>
                    <AuditSentence row={r} actorHref={(person) => auditLogHref({ ...query, person })} />
                    {typeof r.detail.reason === "string" && r.detail.reason ? <span className="audit-reason">Skäl: {r.detail.reason}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title="Inga loggposter">
          <p>{filtered ? "Inget i loggen matchar filtret." : "Loggen fylls när någon ändrar forum, case, roller eller meddelanden."}</p>
        </EmptyState>
      )}
      {next || paged ? (
        <nav className="pagination" aria-label="Fler loggposter">
          {paged ? <Link to={auditLogHref(query)}>Nyaste posterna</Link> : null}
          {next ? <Link to={auditLogHref({ ...query, fore: next })}>Äldre poster</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
