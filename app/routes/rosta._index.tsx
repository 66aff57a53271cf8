import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { pageMeta } from "~/utils/meta";
import { lookUpPollCode } from "~/models/poll-vote.server";
import { rateLimitResponse } from "~/utils/http.server";
import { voteHref } from "~/utils/links";
import { normalizePollCode } from "~/validation/poll";

export const meta: MetaFunction = () => pageMeta("Rösta", "Rösta under forumet med koden som visas på skärmen.");

/** The code form is a GET form: it works without JavaScript and needs no CSRF check. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("kod");
  if (raw === null) return json({ error: null, value: "" });
  const code = normalizePollCode(raw);
  if (!code)
    return json(
      { error: "Koden består av bokstäver och siffror, till exempel K7PQ2. Kontrollera den och försök igen.", value: raw.slice(0, 20) },
      { status: 400 },
    );
  const { poll, limited } = await lookUpPollCode(code, context.clientIp ?? "okänd");
  if (limited) throw rateLimitResponse(limited);
  if (!poll) {
    return json(
      {
        error: `Vi hittade ingen omröstning med koden ${code}. Kontrollera koden på skärmen. Har omröstningen inte öppnat än? Försök igen när den har öppnat.`,
        value: code,
      },
      { status: 404 },
    );
  }
  return redirect(voteHref(code));
}

export default function VoteWithCode() {
  const { error, value } = useLoaderData<typeof loader>();
  return (
    <div className="vote">
      <PageHeader title="Rösta" lead="Skriv koden som visas på skärmen under forumet. Du behöver inget konto." />
      <ErrorSummary errors={error ? { kod: error } : undefined} labels={{ kod: "Kod" }} />
      <Form method="get" noValidate className="vote__code-form">
        <div className={`field${error ? " field--error" : ""}`}>
          <label htmlFor="falt-kod">Kod</label>
          {error ? (
            <span className="field__error" id="falt-kod-error">
              <span className="visually-hidden">Fel: </span>
              {error}
            </span>
          ) : null}
          <input
            id="falt-kod"
            name="kod"
            type="text"
            defaultValue={value}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            className="vote__code-input"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "falt-kod-error" : undefined}
          />
        </div>
        <button type="submit" className="button">
          Gå till omröstningen
        </button>
      </Form>
    </div>
  );
}
