import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary } from "~/components/forms";
import { PollForm } from "~/components/poll-form";
import { createPoll, getEventForPolls, listEventPolls, listRepeatCandidates } from "~/models/poll-admin.server";
import { requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { formValues, parseForm } from "~/utils/forms";
import { pageMeta } from "~/utils/meta";
import { POLL_FIELD_LABELS, pollSchema, pollStateLabel } from "~/validation/poll";
import { ADMIN_EVENTS_HREF, adminEventHref, pollAdminHref, pollPresenterHref } from "~/utils/links";
import { badRequest, requireParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(`Omröstningar: ${data.event.title}`, "Frågor som deltagarna svarar på under forumet.")
    : pageMeta("Forumet finns inte", "Vi hittade inget forum.");

async function loadEvent(params: LoaderFunctionArgs["params"]) {
  const event = await getEventForPolls(requireParam(params, "eventId", "cuid", "Forumet finns inte"));
  if (!event) throw new Response("Forumet finns inte", { status: 404 });
  return event;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const event = await loadEvent(params);
  const [polls, candidates] = await Promise.all([listEventPolls(event.id), listRepeatCandidates()]);
  return json({ event, polls, candidates });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const event = await loadEvent(params);
  const formData = await readFormData(request);
  if (formData.get("intent") !== "create") return badRequest({ form: "Okänd åtgärd. Ladda om sidan och försök igen." }, formValues(formData));
  const parsed = parseForm(pollSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const result = await createPoll(user.id, event.id, parsed.data);
  if (!result.ok) return badRequest({ [result.field]: result.message }, formValues(formData), { status: result.status });
  return redirect(`${pollAdminHref(event.id, result.id)}?sparat=skapad`);
}

export default function EventPolls() {
  const { event, polls, candidates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs
        items={[ADMIN_CRUMB, { to: ADMIN_EVENTS_HREF, label: "Forum" }, { to: adminEventHref(event.id), label: event.title }]}
        current="Omröstningar"
      />
      <h1>Omröstningar</h1>
      <p className="lead">
        Omröstningar under {event.title}. Deltagarna röstar på <strong>/rosta</strong> med omröstningens kod, utan konto.
      </p>
      <ErrorSummary errors={actionData?.errors} labels={POLL_FIELD_LABELS} />

      <section className="section" aria-labelledby="fragor">
        <h2 id="fragor">Frågor</h2>
        {polls.length ? (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Omröstningar i forumet</caption>
              <thead>
                <tr>
                  <th scope="col">Fråga</th>
                  <th scope="col">Kod</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Svar
                  </th>
                  <th scope="col">Åtgärder</th>
                </tr>
              </thead>
              <tbody>
                {polls.map((poll) => (
                  <tr key={poll.id}>
                    <th scope="row">{poll.question}</th>
                    <td>
                      <code>{poll.code}</code>
                    </td>
                    <td>{poll.imported ? "Importerat resultat" : pollStateLabel(poll.state)}</td>
                    <td className="num">{poll.imported ? "–" : poll.respondents}</td>
                    <td>
                      <Link to={pollAdminHref(event.id, poll.id)}>
                        Hantera<span className="visually-hidden"> {poll.question}</span>
                      </Link>
                      {poll.imported ? null : (
                        <>
                          {" · "}
                          <Link to={pollPresenterHref(event.id, poll.id)}>
                            Presentera<span className="visually-hidden"> {poll.question}</span>
                          </Link>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Forumet har inga omröstningar än.</p>
        )}
      </section>

      <section className="section" aria-labelledby="ny-fraga">
        <h2 id="ny-fraga">Ny omröstning</h2>
        <p>Omröstningen sparas som utkast. Du öppnar den för röster när det är dags under forumet.</p>
        <PollForm intent="create" values={actionData?.values ?? {}} errors={actionData?.errors} candidates={candidates} submitLabel="Spara omröstningen" />
      </section>
    </>
  );
}
