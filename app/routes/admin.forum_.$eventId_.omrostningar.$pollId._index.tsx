import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { BreakdownTables } from "~/components/poll-breakdown";
import { PollChart } from "~/components/poll-chart";
import { PollForm } from "~/components/poll-form";
import { PollStateButtons } from "~/components/poll-state-buttons";
import {
  changePollState,
  deletePoll,
  getLiveResults,
  getPollForAdmin,
  listFreeTextAnswers,
  listRepeatCandidates,
  updatePoll,
} from "~/models/poll-admin.server";
import { getBreakdowns } from "~/models/poll.server";
import { requireRole } from "~/models/auth.server";
import { env } from "~/utils/env.server";
import { readFormData } from "~/utils/form-data.server";
import { formValues, parseForm } from "~/utils/forms";
import { pageMeta } from "~/utils/meta";
import { importedResultRows } from "~/utils/poll-results";
import { adminEventHref, adminPollsHref, pollPresenterHref, pollResultHref, voteHref } from "~/utils/links";
import { POLL_FIELD_LABELS, pollSchema, pollStateLabel, type PollState } from "~/validation/poll";
import { badRequest, requireParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(`Omröstning ${data.poll.code}`, "Hantera omröstningen: öppna, stäng och publicera.")
    : pageMeta("Omröstningen finns inte", "Vi hittade ingen omröstning.");

async function loadPoll(params: LoaderFunctionArgs["params"]) {
  const poll = await getPollForAdmin(
    requireParam(params, "eventId", "cuid", "Omröstningen finns inte"),
    requireParam(params, "pollId", "cuid", "Omröstningen finns inte"),
  );
  if (!poll) throw new Response("Omröstningen finns inte", { status: 404 });
  return poll;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const poll = await loadPoll(params);
  const [live, freeText, candidates, breakdowns] = await Promise.all([
    poll.imported ? null : getLiveResults(poll.id),
    poll.allowFreeText ? listFreeTextAnswers(poll.id) : Promise.resolve([]),
    poll.state === "draft" ? listRepeatCandidates(poll.id) : Promise.resolve([]),
    poll.imported ? null : getBreakdowns(poll.id, poll.options, poll.multipleChoice),
  ]);
  const importedRows = poll.imported ? importedResultRows(poll.options) : null;
  return json({ poll, live, freeText, candidates, breakdowns, importedRows, voteUrl: new URL(voteHref(poll.code), env().APP_URL).href });
}

const INTENT_TO_STATE: Record<string, PollState> = { open: "open", close: "closed", reopen: "open", publish: "published", unpublish: "closed" };
const DONE: Record<string, string> = { open: "oppnad", close: "stangd", reopen: "oppnad", publish: "publicerad", unpublish: "avpublicerad" };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const poll = await loadPoll(params);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const base = adminPollsHref(poll.eventId);
  const fail = (field: string, message: string, status?: number) => badRequest({ [field]: message }, formValues(formData), { intent, status });

  if (intent in INTENT_TO_STATE) {
    const result = await changePollState(user.id, poll.eventId, poll.id, INTENT_TO_STATE[intent]!);
    if (!result.ok) return fail(result.field, result.message, result.status);
    const back = formData.get("back") === "presenter" ? pollPresenterHref(poll.eventId, poll.id) : `${base}/${poll.id}`;
    return redirect(`${back}?sparat=${DONE[intent]}`);
  }
  if (intent === "update") {
    const parsed = parseForm(pollSchema, formData);
    if (!parsed.ok) return badRequest(parsed.errors, parsed.values, { intent });
    const result = await updatePoll(user.id, poll.eventId, poll.id, parsed.data);
    if (!result.ok) return fail(result.field, result.message, result.status);
    return redirect(`${base}/${poll.id}?sparat=andrad`);
  }
  if (intent === "delete") {
    const result = await deletePoll(user.id, poll.eventId, poll.id);
    if (!result.ok) return fail(result.field, result.message, result.status);
    return redirect(`${base}?sparat=borttagen`);
  }
  return fail("form", "Okänd åtgärd. Ladda om sidan och försök igen.");
}

const SAVED: Record<string, string> = {
  skapad: "Omröstningen är sparad som utkast.",
  andrad: "Ändringarna är sparade.",
  oppnad: "Omröstningen är öppen. Deltagarna kan rösta nu.",
  stangd: "Omröstningen är stängd. Inga fler röster tas emot.",
  publicerad: "Resultatet är publicerat på forumets sida och under Omröstningar.",
  avpublicerad: "Resultatet är inte längre publicerat.",
};

export default function ManagePoll() {
  const { poll, live, freeText, candidates, breakdowns, importedRows, voteUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("sparat");
  const editValues =
    actionData?.intent === "update"
      ? actionData.values
      : {
          question: poll.question,
          options: poll.options
            .filter((o) => !o.isDontKnow)
            .map((o) => o.label)
            .join("\n"),
          multipleChoice: poll.multipleChoice ? "on" : "",
          dontKnow: poll.options.some((o) => o.isDontKnow) ? "on" : "",
          allowFreeText: poll.allowFreeText ? "on" : "",
          repeatOfId: poll.repeatOfId ?? "",
        };
  return (
    <>
      <Breadcrumbs
        items={[ADMIN_CRUMB, { to: adminEventHref(poll.event.id), label: poll.event.title }, { to: adminPollsHref(poll.event.id), label: "Omröstningar" }]}
        current={poll.code}
      />
      <h1>{poll.question}</h1>
      <p className="lead">
        <span className={`badge${poll.state === "open" ? "" : " badge--muted"}`}>{poll.imported ? "Importerat resultat" : pollStateLabel(poll.state)}</span> Kod{" "}
        <code>{poll.code}</code>
        {poll.repeatOf ? (
          <>
            {" "}
            · upprepar <code>{poll.repeatOf.code}</code>
          </>
        ) : null}
      </p>
      {saved && SAVED[saved] ? (
        <div className="notice notice--success" role="status">
          <p>{SAVED[saved]}</p>
        </div>
      ) : null}
      <ErrorSummary errors={actionData?.errors} labels={POLL_FIELD_LABELS} />

      {poll.imported ? (
        <section className="section" aria-labelledby="importerat">
          <h2 id="importerat">Importerat resultat</h2>
          <p>Resultatet kommer från ett tidigare forum och kan inte ändras här.</p>
          {importedRows ? (
            <PollChart id="importerat-diagram" title={poll.question} rows={importedRows} respondents={null} multipleChoice={poll.multipleChoice} />
          ) : (
            <p>{poll.resultNote}</p>
          )}
        </section>
      ) : (
        <section className="section" aria-labelledby="status">
          <h2 id="status">Status</h2>
          <p>
            Röstningsadress: <a href={voteUrl}>{voteUrl}</a>
          </p>
          <ul>
            <li>
              <Link to={pollPresenterHref(poll.event.id, poll.id)}>Presentatörsvy med live-diagram och QR-kod</Link>
            </li>
            {poll.state === "published" ? (
              <li>
                <Link to={pollResultHref(poll.code)}>Det publicerade resultatet</Link>
              </li>
            ) : null}
          </ul>
          <PollStateButtons state={poll.state} />
          {poll.openedAt ? (
            <p className="muted">
              Öppnades senast <DateTime value={poll.openedAt} />.
              {poll.closedAt ? (
                <>
                  {" "}
                  Stängdes <DateTime value={poll.closedAt} />.
                </>
              ) : null}
            </p>
          ) : null}
        </section>
      )}

      {live ? (
        <section className="section" aria-labelledby="resultat">
          <h2 id="resultat">Resultat just nu</h2>
          <PollChart id="resultat-diagram" title={poll.question} rows={live.rows} respondents={live.respondents} multipleChoice={poll.multipleChoice} />
          {breakdowns ? (
            <>
              <BreakdownTables id="lan" heading="Per län" breakdown={breakdowns.county} />
              <BreakdownTables id="kommungrupp" heading="Per kommungrupp" breakdown={breakdowns.group} />
            </>
          ) : null}
        </section>
      ) : null}

      {poll.allowFreeText ? (
        <section className="section" aria-labelledby="kommentarer">
          <h2 id="kommentarer">Kommentarer</h2>
          <p className="muted">Kommentarerna syns bara för forumansvariga och publiceras inte.</p>
          {freeText.length ? (
            <ul className="poll-comments">
              {freeText.map((c) => (
                <li key={c.id}>{c.text}</li>
              ))}
            </ul>
          ) : (
            <p>Inga kommentarer än.</p>
          )}
        </section>
      ) : null}

      {poll.state === "draft" && !poll.imported ? (
        <>
          <section className="section" aria-labelledby="andra">
            <h2 id="andra">Ändra omröstningen</h2>
            <PollForm
              intent="update"
              values={editValues}
              errors={actionData?.intent === "update" ? actionData.errors : undefined}
              candidates={candidates}
              submitLabel="Spara ändringarna"
            />
          </section>
          <section className="section" aria-labelledby="ta-bort">
            <h2 id="ta-bort">Ta bort</h2>
            <Form method="post">
              <p>Ett utkast kan tas bort. En omröstning som har varit öppen finns kvar.</p>
              <SubmitButton secondary name="intent" value="delete" pendingText="Tar bort…">
                Ta bort omröstningen
              </SubmitButton>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
