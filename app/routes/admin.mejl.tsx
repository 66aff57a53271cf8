import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { SubmitButton } from "~/components/forms";
import { countOutbox, getOutboxEmail, listOutbox, retryEmail } from "~/models/outbox-admin.server";
import { OUTBOX_STATUSES, type OutboxStatus } from "~/models/outbox.server";
import { requireRole } from "~/models/auth.server";
import { publicEnv } from "~/utils/env.server";
import { formatDateTime } from "~/utils/format";
import { badRequest } from "~/utils/http.server";
import { readFormData } from "~/utils/form-data.server";
import { pageMeta } from "~/utils/meta";
import { OUTBOX_HREF } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Utgående e-post", "Utkorgen: köade, skickade och misslyckade mejl.");

// Kept here, not taken from outbox.server: the component runs in the browser too.
const STATUS_LABELS: Record<OutboxStatus, string> = { queued: "I kö", sending: "Skickas", sent: "Skickat", failed: "Misslyckat" };
const STATUSES = Object.keys(STATUS_LABELS) as OutboxStatus[];

// Admin only: the outbox holds verification and reset links for every account.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  const status = OUTBOX_STATUSES.find((s) => s === url.searchParams.get("status"));
  const id = url.searchParams.get("id");
  const [emails, counts, selected] = await Promise.all([
    listOutbox({ status, take: 100 }),
    countOutbox(),
    id ? getOutboxEmail(id.slice(0, 64)) : Promise.resolve(null),
  ]);
  return json({ emails, counts, selected, status: status ?? null, mailMode: publicEnv().MAIL_MODE });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const id = String((await readFormData(request)).get("id") ?? "").slice(0, 64);
  if (!(await retryEmail(id))) return badRequest({ form: "Mejlet kan inte skickas om: det är redan skickat eller finns inte." });
  return redirect(`${OUTBOX_HREF}?id=${encodeURIComponent(id)}`);
}

export default function AdminMail() {
  const { emails, counts, selected, status, mailMode } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB]} current="Utgående e-post" />
      <h1>Utgående e-post</h1>
      <p className="lead">Varje mejl sparas här först och skickas sedan. Misslyckade försök görs om med allt längre mellanrum.</p>
      {mailMode === "outbox" ? (
        <div className="notice notice--warning">
          <p>
            Demoläge: ingen e-postserver är inställd (SMTP_URL saknas), så mejlen skickas inte. Du kan läsa dem här, till exempel för att följa en
            bekräftelselänk.
          </p>
        </div>
      ) : null}
      <p>
        <Link to={OUTBOX_HREF}>Alla ({counts.total})</Link>
        {STATUSES.map((s) => (
          <span key={s}>
            {" · "}
            <Link to={`${OUTBOX_HREF}?status=${s}`} aria-current={status === s ? "page" : undefined}>
              {STATUS_LABELS[s]} ({counts[s]})
            </Link>
          </span>
        ))}
      </p>
      {selected ? (
        <section className="section" aria-labelledby="valt-mejl">
          <h2 id="valt-mejl">{selected.subject}</h2>
          <dl className="facts">
            <dt>Till</dt>
            <dd>{selected.toAddress}</dd>
            <dt>Status</dt>
            <dd>
              {STATUS_LABELS[selected.status as OutboxStatus] ?? selected.status}, {selected.attempts} försök
              {selected.lastError ? ` (senaste fel: ${selected.lastError})` : ""}
            </dd>
            {selected.attachments.length ? (
              <>
                <dt>Bilagor</dt>
                <dd>{selected.attachments.map((a) => a.filename).join(", ")}</dd>
              </>
            ) : null}
          </dl>
          <pre className="mail-text">{selected.text}</pre>
          {selected.status === "failed" || selected.status === "queued" ? (
            <Form method="post">
              <input type="hidden" name="id" value={selected.id} />
              <SubmitButton secondary>Skicka igen nu</SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}
      {emails.length ? (
        <div className="table-scroll">
          <table>
            <caption>De senaste mejlen</caption>
            <thead>
              <tr>
                <th scope="col">Skapat</th>
                <th scope="col">Till</th>
                <th scope="col">Ämne</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.createdAt)}</td>
                  <td>{e.toAddress}</td>
                  <td>
                    <Link to={`${OUTBOX_HREF}?id=${e.id}${status ? `&status=${status}` : ""}`}>{e.subject}</Link>
                  </td>
                  <td>{STATUS_LABELS[e.status as OutboxStatus] ?? e.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <p>Inga mejl här ännu. Mejl hamnar här när någon till exempel skapar konto eller anmäler sig till ett forum.</p>
        </div>
      )}
    </>
  );
}
