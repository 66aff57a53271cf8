import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SavedNotice } from "~/components/admin-feedback";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, SelectField, SubmitButton, TextArea } from "~/components/forms";
import { assignContactMessage, getContactMessage, listOrganizers, replyToContactMessage, setContactStatus } from "~/models/contact.server";
import { requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { badRequest, requireParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { CONTACT_STATUSES, contactReplySchema, subjectLabel } from "~/validation/contact";
import { INBOX_HREF, inboxMessageHref } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Meddelande", "Läs och svara på ett meddelande från kontaktformuläret.");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const message = await getContactMessage(requireParam(params, "id", "id", "Meddelandet finns inte."));
  if (!message) throw new Response("Meddelandet finns inte.", { status: 404 });
  return json({ message, organizers: await listOrganizers() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const id = requireParam(params, "id", "id", "Meddelandet finns inte.");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "reply") {
    const parsed = parseForm(contactReplySchema, formData);
    if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
    if (!(await replyToContactMessage(user.id, id, parsed.data.body))) throw new Response("Meddelandet finns inte.", { status: 404 });
    return redirect(`${inboxMessageHref(id)}?sparat=svar`);
  }
  if (intent === "status") {
    const status = CONTACT_STATUSES.find((s) => s.value === formData.get("status"))?.value;
    if (!status) return badRequest({ status: "Välj en status." });
    if (!(await setContactStatus(user.id, id, status))) throw new Response("Meddelandet finns inte.", { status: 404 });
    return redirect(`${inboxMessageHref(id)}?sparat=status`);
  }
  if (intent === "assign") {
    const assignee = String(formData.get("assigneeId") ?? "");
    if (!(await assignContactMessage(user.id, id, assignee || null))) return badRequest({ assigneeId: "Välj en arrangör i listan." });
    return redirect(`${inboxMessageHref(id)}?sparat=ansvarig`);
  }
  return badRequest({ form: "Okänd åtgärd. Ladda om sidan och försök igen." });
}

const SAVED: Record<string, string> = {
  svar: "Svaret är skickat och sparat i historiken.",
  status: "Statusen är ändrad.",
  ansvarig: "Ansvarig är ändrad.",
};

export default function InboxMessage() {
  const { message, organizers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const savedKey = searchParams.get("sparat") ?? "";
  const saved = SAVED[savedKey];
  const errors = actionData?.errors;
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB, { to: INBOX_HREF, label: "Inkorg" }]} current={subjectLabel(message.subject)} />
      <h1>{subjectLabel(message.subject)}</h1>
      <p className="lead">
        Från {message.name} ({message.email})
        {message.municipality
          ? `, ${message.municipality.name}, ${message.municipality.county.name}`
          : message.organisationName
            ? `, ${message.organisationName}`
            : ""}
        .
      </p>
      <ErrorSummary errors={errors} />

      <div className="with-sidebar">
        <div>
          <ol className="conversation">
            <li className="conversation__item">
              <p className="muted">
                {formatDateTime(message.createdAt)}, {message.name}
              </p>
              <p className="mail-text">{message.body}</p>
            </li>
            {message.replies.map((r) => (
              <li key={r.id} className="conversation__item conversation__item--reply">
                <p className="muted">
                  {formatDateTime(r.createdAt)}, {r.direction === "out" ? `svar från ${r.author?.name ?? "forumansvarig"}` : message.name}
                </p>
                <p className="mail-text">{r.body}</p>
              </li>
            ))}
          </ol>

          <section className="section" aria-labelledby="svara">
            <h2 id="svara">Svara</h2>
            <SavedNotice message={savedKey === "svar" ? saved : null} />
            <Form method="post" noValidate key={`svar-${message.replies.length}`}>
              <input type="hidden" name="intent" value="reply" />
              <TextArea
                name="body"
                label="Ditt svar"
                hint={`Skickas med e-post till ${message.email}.`}
                error={errors?.body}
                defaultValue={actionData?.values?.body}
              />
              <SubmitButton name="intent" value="reply" pendingText="Skickar…">
                Skicka svar
              </SubmitButton>
            </Form>
          </section>
        </div>

        <aside className="sidebar" aria-label="Hantering">
          <SavedNotice message={savedKey !== "svar" ? saved : null} />
          <Form method="post">
            <input type="hidden" name="intent" value="status" />
            <SelectField name="status" label="Status" defaultValue={message.status} error={errors?.status}>
              {CONTACT_STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </SelectField>
            <SubmitButton secondary name="intent" value="status">
              Ändra status
            </SubmitButton>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="assign" />
            <SelectField name="assigneeId" label="Ansvarig" defaultValue={message.assignedToId ?? ""} error={errors?.assigneeId}>
              <option value="">Ingen</option>
              {organizers.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
            <SubmitButton secondary name="intent" value="assign">
              Tilldela
            </SubmitButton>
          </Form>
          {message.earlier.length ? (
            <>
              <h2>Tidigare från samma avsändare</h2>
              <ul>
                {message.earlier.map((e) => (
                  <li key={e.id}>
                    <Link to={inboxMessageHref(e.id)}>{subjectLabel(e.subject)}</Link>, {formatDateTime(e.createdAt)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </aside>
      </div>
    </>
  );
}
