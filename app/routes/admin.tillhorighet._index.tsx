import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { ErrorSummary, fieldId, SubmitButton, TextField } from "~/components/forms";
import { decideClaim, listPendingClaims } from "~/models/affiliation-admin.server";
import { emailDomain } from "~/utils/affiliation";
import { requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { parseForm, rowFieldErrors } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { claimDecisionSchema } from "~/validation/affiliation";
import { AFFILIATION_DOMAINS_HREF, AFFILIATION_QUEUE_HREF } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Verifiera medlemmar", "Medlemmar som väntar på att deras kommun eller organisation verifieras.");

const SAVED: Record<string, string> = {
  godkand: "Medlemmen är verifierad och har fått ett mejl om det.",
  avvisad: "Medlemmen är inte verifierad och har fått ett mejl med ditt skäl.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const claims = await listPendingClaims();
  return json({
    claims: claims.map((c) => ({
      id: c.id,
      name: c.name,
      title: c.title,
      email: c.email,
      domain: emailDomain(c.email),
      requestedAt: c.affiliationRequestedAt,
      claimed: c.municipality?.officialName ?? c.organisation?.name ?? "–",
      municipalityCode: c.municipality?.code ?? "",
      organisationId: c.organisation?.id ?? "",
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireRole(request, "organizer");
  const form = await readFormData(request);
  const parsed = parseForm(claimDecisionSchema, form);
  const id = String(form.get("userId") ?? "").slice(0, 64);
  if (!parsed.ok) return badRequest(rowFieldErrors(parsed.errors, id, ["reason"]), {}, { target: id });
  const { userId, municipalityCode, organisationId, decision, reason } = parsed.data;
  const result = await decideClaim(
    organizer.id,
    decision === "approve"
      ? { userId, municipalityCode, organisationId, decision }
      : { userId, municipalityCode, organisationId, decision, reason: reason ?? "" },
  );
  if (!result.ok) return badRequest({ form: result.message });
  return redirect(`${AFFILIATION_QUEUE_HREF}?sparat=${decision === "approve" ? "godkand" : "avvisad"}`);
}

export default function AffiliationQueue() {
  const { claims } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = SAVED[searchParams.get("sparat") ?? ""];
  const errors = actionData?.errors;
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB]} current="Verifiera medlemmar" />
      <h1>Verifiera medlemmar</h1>
      <p className="lead">
        De här medlemmarna säger att de arbetar i en kommun eller organisation, men deras e-postadress hör inte till någon av dess registrerade domäner. Godkänn
        den du vet arbetar där, eller avvisa med ett skäl. Medlemmen får ett mejl i båda fallen.
      </p>
      <p>
        Bara verifierade medlemmar ser och gör sin kommuns analysmognadsbedömning. Medlemmar med en adress på en registrerad domän verifieras automatiskt:{" "}
        <Link to={AFFILIATION_DOMAINS_HREF}>Domäner för kommuner och organisationer</Link>.
      </p>
      {saved ? (
        <div className="notice notice--success" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />

      <section className="section" aria-labelledby="vantar">
        <h2 id="vantar">Väntar på granskning</h2>
        {claims.length === 0 ? (
          <EmptyState title="Ingen medlem väntar på att bli verifierad.">
            <p>När en medlem väljer en kommun eller organisation utan en adress på dess domän dyker medlemmen upp här.</p>
          </EmptyState>
        ) : (
          <ol className="mod-queue">
            {claims.map((c) => {
              return (
                <li key={c.id} className="mod-queue__item">
                  <article aria-labelledby={`claim-${c.id}`}>
                    <h3 id={`claim-${c.id}`}>
                      {c.name} – {c.claimed}
                    </h3>
                    <p className="mod-queue__meta">
                      {c.title ? `${c.title}. ` : ""}E-post: {c.email} (domänen {c.domain} är inte registrerad för {c.claimed}). Väntar sedan{" "}
                      {c.requestedAt ? <DateTime value={c.requestedAt} /> : "–"}.
                    </p>
                    <Form method="post" className="mod-queue__actions">
                      <input type="hidden" name="userId" value={c.id} />
                      <input type="hidden" name="municipalityCode" value={c.municipalityCode} />
                      <input type="hidden" name="organisationId" value={c.organisationId} />
                      <SubmitButton name="decision" value="approve" pendingText="Godkänner…">
                        Godkänn<span className="visually-hidden"> {c.name}</span>
                      </SubmitButton>
                    </Form>
                    <Form method="post" className="mod-queue__actions">
                      <input type="hidden" name="userId" value={c.id} />
                      <input type="hidden" name="municipalityCode" value={c.municipalityCode} />
                      <input type="hidden" name="organisationId" value={c.organisationId} />
                      <TextField
                        id={fieldId(`reason-${c.id}`)}
                        name="reason"
                        label={`Skäl att avvisa ${c.name} (skickas till medlemmen)`}
                        maxLength={500}
                        error={errors?.[`reason-${c.id}`]}
                      />
                      <SubmitButton secondary name="decision" value="reject" pendingText="Avvisar…">
                        Avvisa<span className="visually-hidden"> {c.name}</span>
                      </SubmitButton>
                    </Form>
                  </article>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </>
  );
}
