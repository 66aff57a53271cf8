import { json, redirect } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, fieldId, SubmitButton } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { MATURITY_DIMENSIONS, MATURITY_SCALE } from "~/data/maturity";
import { AffiliationRequiredError } from "~/models/affiliation.server";
import { getCurrentAssessment, submitAssessment } from "~/models/maturity-municipality.server";
import { getMunicipalityName } from "~/models/maturity.server";
import { requireUser, requireVerifiedUser } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { parseForm } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { maturityResultHref } from "~/utils/links";
import { maturityYear } from "~/utils/maturity-stats";
import { pageMeta } from "~/utils/meta";
import { enforceRateLimit } from "~/models/rate-limit.server";
import { maturityAssessmentSchema } from "~/validation/maturity";

export const meta: MetaFunction = () => pageMeta("Gör bedömningen – Analysmognad", "Skatta er kommuns analysmognad i tio områden på en skala från 0 till 4.");

const LABELS: Record<string, string> = Object.fromEntries(MATURITY_DIMENSIONS.map((d) => [d.key, d.label]));

const NOT_A_MUNICIPALITY =
  "Bedömningen görs för en kommun, av en medlem från den kommunen. Ditt konto är inte kopplat till någon kommun, så du kan inte skicka in en bedömning. Du kan se resultatet för hela Sverige.";
const OTHER_MUNICIPALITY = "Du kan bara göra bedömningen för den kommun som ditt konto är kopplat till.";
const NOT_VERIFIED =
  "Bedömningen och kommunens egna poäng är bara för verifierade medlemmar från kommunen. Din koppling till kommunen är inte verifierad än: se Min profil.";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const year = maturityYear();
  const municipality = user.municipalityCode ? await getMunicipalityName(user.municipalityCode) : null;
  if (!municipality) return json({ state: "no-municipality" as const, year, municipality: null, current: null });
  // Only the municipality's verified members see its current answers (they are members-only figures).
  const state = !user.emailVerified ? ("unverified" as const) : !user.affiliationVerified ? ("unverified-affiliation" as const) : ("ok" as const);
  const current = state === "ok" ? await getCurrentAssessment(municipality.code, year) : null;
  return json({
    state,
    year,
    municipality,
    current: current ? { createdAt: current.createdAt, submittedBy: current.submittedBy, scores: current.scores } : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const formData = await readFormData(request);
  if (!user.municipalityCode) throw new Response(NOT_A_MUNICIPALITY, { status: 403 });
  if (!user.affiliationVerified) throw new Response(NOT_VERIFIED, { status: 403 });
  // The form names the municipality it was filled in for: answering for another one is refused.
  const posted = formData.get("municipalityCode");
  if (typeof posted === "string" && posted !== "" && posted !== user.municipalityCode) {
    throw new Response(OTHER_MUNICIPALITY, { status: 403 });
  }
  const parsed = parseForm(maturityAssessmentSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const municipality = await getMunicipalityName(user.municipalityCode);
  if (!municipality) throw new Response(NOT_A_MUNICIPALITY, { status: 403 });
  await enforceRateLimit("postingUser", user.id);
  const year = maturityYear();
  try {
    await submitAssessment({ userId: user.id, municipalityCode: municipality.code, year, scores: parsed.data.scores });
  } catch (error) {
    if (error instanceof AffiliationRequiredError) throw new Response(NOT_VERIFIED, { status: 403 });
    throw error;
  }
  return redirect(`${maturityResultHref(municipality)}?ar=${year}&sparad=1`);
}

export default function MaturityForm() {
  const { state, year, municipality, current } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
  const chosen = (key: string): string | undefined => {
    if (actionData) return values[key];
    const score = current?.scores[key];
    return typeof score === "number" ? String(score) : undefined;
  };

  return (
    <>
      <Breadcrumbs items={[{ to: "/analysmognad", label: "Analysmognad" }]} current="Gör bedömningen" />
      <PageHeader
        title={municipality ? `Analysmognad ${year}: ${municipality.name}` : `Analysmognad ${year}`}
        lead="Ta ställning till tio påståenden om hur kommunen arbetar med analys. Svara för kommunen som helhet, så som det ser ut i dag."
      />

      {state === "no-municipality" ? (
        <div className="notice">
          <p>{NOT_A_MUNICIPALITY}</p>
          <p>
            <Link to="/analysmognad/sverige">Se resultatet för Sverige</Link>. Arbetar du i en kommun? Ändra det under <Link to="/profil">Min profil</Link>.
          </p>
        </div>
      ) : state === "unverified" ? (
        <div className="notice notice--warning">
          <p>
            Du behöver bekräfta din e-postadress innan du kan skicka in bedömningen. <Link to="/profil">Gå till din profil</Link> för att få en ny
            bekräftelselänk.
          </p>
        </div>
      ) : state === "unverified-affiliation" ? (
        <div className="notice notice--warning">
          <p>
            Bedömningen görs av verifierade medlemmar från {municipality?.name}, och bara de ser kommunens egna poäng. Din koppling till kommunen är inte
            verifierad än. <Link to="/profil#tillhorighet">Se hur du blir verifierad</Link>.
          </p>
        </div>
      ) : (
        <>
          {current ? (
            <div className="notice">
              <p>
                {municipality?.name} har redan en bedömning för {year}, inskickad <DateTime value={current.createdAt} format="date" />
                {current.submittedBy ? ` av ${current.submittedBy}` : ""}. Svaren är ifyllda nedan. Skickar du in igen ersätter dina svar den bedömningen; den
                gamla sparas i kommunens historik.
              </p>
            </div>
          ) : null}
          <p>
            Kommunens egna poäng syns bara för verifierade medlemmar från {municipality?.name}. Alla andra ser bara sammanställningar där minst fem kommuner
            ingår. <Link to="/analysmognad#vem-ser-vad">Läs mer om vem som ser vad</Link>.
          </p>
          <ErrorSummary errors={errors} labels={LABELS} />
          <Form method="post" noValidate className="maturity-form">
            <input type="hidden" name="municipalityCode" value={municipality?.code ?? ""} />
            {MATURITY_DIMENSIONS.map((d, i) => {
              const error = errors?.[d.key];
              const hintId = `${fieldId(d.key)}-hint`;
              const errorId = `${fieldId(d.key)}-error`;
              const selected = chosen(d.key);
              return (
                <fieldset
                  key={d.key}
                  className={`field maturity-question${error ? " field--error" : ""}`}
                  aria-describedby={[hintId, error ? errorId : ""].filter(Boolean).join(" ")}
                >
                  <legend>
                    <span className="maturity-question__number">
                      {i + 1}. {d.label}
                    </span>
                    <span className="maturity-question__statement">{d.statement}</span>
                  </legend>
                  <p className="field__hint" id={hintId}>
                    0 betyder: {d.low} 4 betyder: {d.high}
                  </p>
                  {error ? (
                    <p className="field__error" id={errorId}>
                      <span className="visually-hidden">Fel: </span>
                      {error}
                    </p>
                  ) : null}
                  <div className="maturity-scale">
                    {MATURITY_SCALE.map((s) => {
                      const id = s.value === 0 ? fieldId(d.key) : `${fieldId(d.key)}-${s.value}`;
                      return (
                        <div className="choice" key={s.value}>
                          <input
                            type="radio"
                            id={id}
                            name={d.key}
                            value={s.value}
                            defaultChecked={selected === String(s.value)}
                            aria-invalid={error ? true : undefined}
                          />
                          <label htmlFor={id}>
                            {s.value} – {s.label}
                          </label>
                        </div>
                      );
                    })}
                  </div>
                </fieldset>
              );
            })}
            <SubmitButton pendingText="Sparar bedömningen…">{current ? "Ersätt bedömningen" : "Skicka in bedömningen"}</SubmitButton>
          </Form>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
