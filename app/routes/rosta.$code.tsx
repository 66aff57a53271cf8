import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, fieldId, SubmitButton, TextArea } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MunicipalitySelect } from "~/components/organisation-fields";
import { castVote, getOwnResponse, notOpenMessage } from "~/models/poll-vote.server";
import { getOptionalUser } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { formValues, parseForm, type FieldErrors } from "~/utils/forms";
import { pageMeta } from "~/utils/meta";
import { lookUpPollCode } from "~/models/poll-vote.server";
import { getParticipant } from "~/utils/poll-participant.server";
import { badRequest, rateLimitResponse } from "~/utils/http.server";
import { pollResultHref, voteHref } from "~/utils/links";
import { normalizePollCode, VOTE_ARRAY_FIELDS, VOTE_FIELD_LABELS, voteSchema } from "~/validation/poll";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(`Rösta: ${data.poll.question}`, "Rösta under forumet. Du behöver inget konto.")
    : pageMeta("Omröstningen finns inte", "Vi hittade ingen omröstning med den koden.");

const NOT_FOUND = "Vi hittade ingen omröstning med den koden. Kontrollera koden på skärmen. Har omröstningen inte öppnat än? Försök igen när den har öppnat.";

/** Drafts, imported results and polls of unpublished forums are "not found", like a wrong code. */
async function loadPoll({ params, context }: Pick<LoaderFunctionArgs, "params" | "context">) {
  const code = normalizePollCode(params.code);
  const found = code ? await lookUpPollCode(code, context.clientIp ?? "okänd") : null;
  if (found?.limited) throw rateLimitResponse(found.limited);
  if (!found?.poll) {
    throw new Response(NOT_FOUND, { status: 404 });
  }
  return found.poll;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const poll = await loadPoll({ params, context });
  if (params.code !== poll.code) throw redirect(voteHref(poll.code));
  const user = await getOptionalUser(request);
  // The token is handed out already here, so the vote form posts with it.
  const participant =
    poll.state === "open" ? getParticipant(request, user?.id ?? null, { create: true }) : getParticipant(request, user?.id ?? null, { create: false });
  const own = participant ? await getOwnResponse(poll.id, participant.hash) : null;
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  if (participant?.setCookie) headers.append("Set-Cookie", participant.setCookie);
  return json(
    {
      poll: {
        id: poll.id,
        code: poll.code,
        question: poll.question,
        state: poll.state,
        multipleChoice: poll.multipleChoice,
        allowFreeText: poll.allowFreeText,
        options: poll.options,
        event: poll.event,
      },
      own: own ? { optionIds: own.optionIds, freeText: own.freeText, municipalityCode: own.municipalityCode } : null,
      closedMessage: poll.state === "open" ? null : notOpenMessage(poll.state),
      accountMunicipality: user?.municipalityCode ?? null,
      loggedIn: !!user,
    },
    { headers },
  );
}

type VoteValues = { optionIds: string[]; freeText?: string; municipalityCode?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const poll = await loadPoll({ params, context });
  const user = await getOptionalUser(request);
  const formData = await readFormData(request);
  const participant = getParticipant(request, user?.id ?? null, { create: true })!;
  const headers = new Headers();
  if (participant.setCookie) headers.append("Set-Cookie", participant.setCookie);
  const { freeText, municipalityCode } = formValues(formData);
  const values: VoteValues = { freeText, municipalityCode, optionIds: formData.getAll("optionIds").map(String) };
  const fail = (errors: FieldErrors, status?: number) => badRequest<VoteValues>(errors, values, { status, headers });
  const parsed = parseForm(voteSchema, formData, VOTE_ARRAY_FIELDS);
  if (!parsed.ok) return fail(parsed.errors);
  const result = await castVote({
    pollId: poll.id,
    participantHash: participant.hash,
    userId: user?.id ?? null,
    optionIds: parsed.data.optionIds,
    freeText: parsed.data.freeText,
    municipalityCode: user?.municipalityCode ?? parsed.data.municipalityCode,
  });
  if (!result.ok) return fail({ [result.field]: result.message }, result.status);
  return redirect(`${voteHref(poll.code)}?tack=${result.changed ? "andrad" : "1"}`, { headers });
}

export default function Vote() {
  const { poll, own, closedMessage, accountMunicipality, loggedIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const thanks = searchParams.get("tack");
  const errors = actionData?.errors;
  const values = actionData?.values;
  const chosen = new Set(values?.optionIds ?? own?.optionIds ?? []);
  const ownLabels = poll.options.filter((o) => own?.optionIds.includes(o.id)).map((o) => o.label);
  return (
    <div className="vote">
      <p className="vote__event">{poll.event.title}</p>
      <h1 className="vote__question">{poll.question}</h1>
      {thanks && own && !errors ? (
        <div className="notice notice--success" role="status">
          <p>
            <strong>Tack, din röst är registrerad.</strong>
            {thanks === "andrad" ? " Ditt tidigare svar är ersatt." : ""}
          </p>
          <p>Du svarade: {ownLabels.join(", ")}.</p>
          {poll.state === "open" ? <p>Du kan ändra ditt svar så länge omröstningen är öppen.</p> : null}
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={VOTE_FIELD_LABELS} />
      {closedMessage ? (
        <div className="notice" role="status">
          <p>{closedMessage}</p>
          {poll.state === "published" && poll.event.status === "published" ? (
            <p>
              <Link to={pollResultHref(poll.code)}>Se resultatet</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <Form method="post" noValidate className="vote__form">
          <fieldset
            className={`field${errors?.optionIds ? " field--error" : ""}`}
            id={fieldId("optionIds")}
            aria-describedby={errors?.optionIds ? `${fieldId("optionIds")}-error` : undefined}
          >
            <legend>{poll.multipleChoice ? "Välj ett eller flera svar" : "Välj ett svar"}</legend>
            {errors?.optionIds ? (
              <span className="field__error" id={`${fieldId("optionIds")}-error`}>
                <span className="visually-hidden">Fel: </span>
                {errors.optionIds}
              </span>
            ) : null}
            {poll.options.map((option) => (
              <div className="choice vote__choice" key={option.id}>
                <input
                  type={poll.multipleChoice ? "checkbox" : "radio"}
                  id={`svar-${option.id}`}
                  name="optionIds"
                  value={option.id}
                  defaultChecked={chosen.has(option.id)}
                />
                <label htmlFor={`svar-${option.id}`}>{option.label}</label>
              </div>
            ))}
          </fieldset>
          {poll.allowFreeText ? (
            <TextArea
              name="freeText"
              label="Kommentar (frivilligt)"
              hint="Bara forumansvariga läser kommentarerna. De publiceras inte."
              defaultValue={values?.freeText ?? own?.freeText ?? ""}
              error={errors?.freeText}
              rows={3}
              maxLength={500}
            />
          ) : null}
          {accountMunicipality ? (
            <p className="muted">Din kommun hämtas från ditt konto, så att resultatet kan jämföras mellan län.</p>
          ) : (
            // Optional, so folded away: on a phone the options and the button fit on the first screen.
            <details className="vote__more" open={Boolean(errors?.municipalityCode)}>
              <summary>Ange din kommun (frivilligt)</summary>
              <MunicipalitySelect
                label="Din kommun (frivilligt)"
                hint="Används bara för att jämföra svar mellan län och kommungrupper. Grupper med färre än fem svar visas aldrig."
                defaultValue={values?.municipalityCode ?? own?.municipalityCode ?? ""}
                error={errors?.municipalityCode}
                emptyLabel="Vill inte ange / ingen kommun"
              />
            </details>
          )}
          <SubmitButton pendingText="Skickar…">{own ? "Ändra mitt svar" : "Skicka mitt svar"}</SubmitButton>
          <p className="muted vote__privacy">
            {loggedIn
              ? "Du är inloggad, så ditt konto räknas som en röst."
              : "Vi sparar en slumpad kod i en kaka i din webbläsare så att du bara räknas en gång och kan ändra ditt svar. Du behöver inget konto."}
          </p>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <>
            <h1>Omröstningen finns inte</h1>
            <p className="lead">{NOT_FOUND}</p>
            <p>
              <Link to="/rosta">Skriv koden igen</Link>
            </p>
          </>
        ),
      }}
    />
  );
}
