import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { EmptyState } from "~/components/empty-state";
import { countContactMessages, listContactMessages } from "~/models/contact.server";
import { CONTACT_STATUSES, subjectLabel, type ContactStatus } from "~/validation/contact";
import { requireRole } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";
import { pageMeta } from "~/utils/meta";
import { inboxMessageHref } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Inkorg", "Meddelanden från kontaktformuläret.");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const url = new URL(request.url);
  const status = CONTACT_STATUSES.find((s) => s.value === url.searchParams.get("status"))?.value;
  const q = url.searchParams.get("q")?.slice(0, 100) ?? "";
  const [messages, counts] = await Promise.all([listContactMessages({ status, query: q }), countContactMessages()]);
  return json({ messages, counts, status: status ?? null, q });
}

export default function Inbox() {
  const { messages, counts, status, q } = useLoaderData<typeof loader>();
  const label = (s: string) => CONTACT_STATUSES.find((x) => x.value === s)?.label ?? s;
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB]} current="Inkorg" />
      <h1>Inkorg</h1>
      <p className="lead">Meddelanden som besökare har skickat via kontaktformuläret.</p>
      <Form method="get" className="filter-bar">
        <div className="field">
          <label htmlFor="inkorg-status">Status</label>
          <select id="inkorg-status" name="status" defaultValue={status ?? ""}>
            <option value="">Alla</option>
            {CONTACT_STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label} ({counts[s.value as ContactStatus] ?? 0})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inkorg-q">Sök på namn, e-post eller text</label>
          <input id="inkorg-q" type="search" name="q" defaultValue={q} />
        </div>
        <button type="submit" className="button button--secondary">
          Visa
        </button>
      </Form>
      {messages.length ? (
        <div className="table-scroll">
          <table>
            <caption>{messages.length === 1 ? "1 meddelande" : `${messages.length} meddelanden`}</caption>
            <thead>
              <tr>
                <th scope="col">Mottaget</th>
                <th scope="col">Från</th>
                <th scope="col">Ämne</th>
                <th scope="col">Status</th>
                <th scope="col">Ansvarig</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>
                    {m.name}
                    <br />
                    <span className="muted">{m.municipality?.name ?? m.organisationName ?? ""}</span>
                  </td>
                  <td>
                    <Link to={inboxMessageHref(m.id)}>{subjectLabel(m.subject)}</Link>
                  </td>
                  <td>{label(m.status)}</td>
                  <td>{m.assignedTo?.name ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title="Inga meddelanden här">
          <p>{q || status ? "Inget matchar filtret. Ändra sökningen eller visa alla." : "När någon skriver via kontaktformuläret hamnar meddelandet här."}</p>
        </EmptyState>
      )}
    </>
  );
}
