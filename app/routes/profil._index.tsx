import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { Checkbox, ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { OrganisationFields } from "~/components/organisation-fields";
import { AffiliationStatus } from "~/components/verified-badge";
import { listMyRegistrations, requestEmailChange, resendVerification } from "~/models/account.server";
import { countUserSessions } from "~/models/session.server";
import { confirmPassword } from "~/models/login.server";
import { getProfile, setPasswordHash, updateProfile } from "~/models/user.server";
import { blankSessionCookie, endAllSessions, requireUser, startSession } from "~/models/auth.server";
import { formValues, parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { badRequest, passRetryAfter, tooManyAttempts } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { hashPassword } from "~/utils/password.server";
import { weakPasswordReason } from "~/utils/password-policy.server";
import { enforceRateLimit } from "~/models/rate-limit.server";
import { changeEmailSchema, changePasswordSchema, profileSchema, toOrganisationChoice } from "~/validation/auth";
import { eventHref, MODERATION_QUEUE_HREF } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Min profil", "Dina uppgifter, din säkerhet och dina anmälningar.");

const REGISTRATION_STATUS: Record<string, string> = {
  confirmed: "Anmäld",
  waitlisted: "På väntelistan",
  cancelled: "Avanmäld",
  pending: "Väntar på att du bekräftar i mejlet",
  expired: "Inte bekräftad i tid",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [profile, registrations, sessions] = await Promise.all([getProfile(user.id), listMyRegistrations(user.id), countUserSessions(user.id)]);
  if (!profile) throw redirect("/logga-in");
  return json({ profile, registrations, sessions });
}

const refusePassword = (check: { retryAfterSeconds?: number }, field: string, values: Record<string, string> = {}) =>
  check.retryAfterSeconds
    ? tooManyAttempts({ retryAfterSeconds: check.retryAfterSeconds }, values)
    : badRequest({ [field]: "Det nuvarande lösenordet stämmer inte." }, values);

export const headers = passRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const address = context.clientIp ?? "okänd";

  if (intent === "profile") {
    const parsed = parseForm(profileSchema, formData);
    if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
    const result = await updateProfile(user.id, {
      name: parsed.data.name,
      title: parsed.data.title,
      listedPublicly: parsed.data.listedPublicly === "on",
      organisation: toOrganisationChoice(parsed.data),
    });
    if (!result.ok) return badRequest({ [result.field]: result.message }, formValues(formData));
    return redirect("/profil?sparat=uppgifter");
  }

  if (intent === "email") {
    const parsed = parseForm(changeEmailSchema, formData);
    if (!parsed.ok) return badRequest(parsed.errors, { email: parsed.values.email ?? "" });
    const check = await confirmPassword(user, parsed.data.emailPassword, address);
    if (!check.ok) return refusePassword(check, "emailPassword", { email: parsed.data.email });
    await requestEmailChange(user.id, parsed.data.email);
    return redirect("/profil?sparat=epost");
  }

  if (intent === "password") {
    const parsed = parseForm(changePasswordSchema, formData);
    if (!parsed.ok) return badRequest(parsed.errors);
    const check = await confirmPassword(user, parsed.data.currentPassword, address);
    if (!check.ok) return refusePassword(check, "currentPassword");
    const weak = weakPasswordReason(parsed.data.password, user.email);
    if (weak) return badRequest({ password: weak });
    await setPasswordHash(user.id, await hashPassword(parsed.data.password));
    // Other devices are logged out; this one gets a fresh session.
    await endAllSessions(user.id);
    const { cookie } = await startSession(user.id, { twoFactorVerified: true });
    return redirect("/profil?sparat=losenord", { headers: { "Set-Cookie": cookie } });
  }

  if (intent === "resend-verification") {
    await enforceRateLimit("resendVerificationIp", address);
    await resendVerification(user.id);
    return redirect("/profil?sparat=verifiering");
  }

  if (intent === "logout-everywhere") {
    await endAllSessions(user.id);
    return redirect("/logga-in", { headers: { "Set-Cookie": blankSessionCookie() } });
  }

  return badRequest({ form: "Okänd åtgärd. Ladda om sidan och försök igen." });
}

const SAVED: Record<string, string> = {
  uppgifter: "Dina uppgifter är sparade.",
  epost: "Vi har skickat en länk till den nya adressen. Adressen byts när du har följt länken.",
  losenord: "Lösenordet är bytt. Du är utloggad på alla andra enheter.",
  verifiering: "Vi har skickat en ny bekräftelselänk till din e-postadress.",
  tvastegs: "Tvåstegsverifiering är påslagen.",
  tvastegsav: "Tvåstegsverifiering är avstängd.",
};

export default function Profile() {
  const { profile, registrations, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.errors;
  const saved = SAVED[searchParams.get("sparat") ?? ""];
  const confirmed = searchParams.get("bekraftad");
  const values = {
    name: profile.name,
    title: profile.title,
    orgKind: profile.organisation ? "annan" : "kommun",
    municipalityCode: profile.municipalityCode,
    orgName: profile.organisation?.name,
    orgType: profile.organisation?.type,
    ...(actionData?.values ?? {}),
  };

  return (
    <>
      <h1>Min profil</h1>
      <p className="lead">
        Inloggad som {profile.name} ({profile.email}).
      </p>
      {saved || confirmed ? (
        <div className="notice notice--success" role="status">
          <p>{saved ?? (confirmed === "ny" ? "Din nya e-postadress är bekräftad." : "Tack! Din e-postadress är bekräftad.")}</p>
        </div>
      ) : null}
      {!profile.emailVerifiedAt ? (
        <div className="notice notice--warning">
          <p>Din e-postadress är inte bekräftad än. Du kan läsa och logga in, men du behöver bekräfta adressen innan du kan skriva i diskussionerna.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="resend-verification" />
            <SubmitButton secondary name="intent" value="resend-verification">
              Skicka en ny länk
            </SubmitButton>
          </Form>
        </div>
      ) : null}
      {profile.suspendedUntil && new Date(profile.suspendedUntil) > new Date() ? (
        <div className="notice notice--warning">
          <p>
            Ditt konto är avstängt till <DateTime value={profile.suspendedUntil} />. Du kan läsa, logga ut, ladda ned dina uppgifter och radera kontot, men inte
            skriva eller ändra något.
          </p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />

      <section className="section" aria-labelledby="uppgifter">
        <h2 id="uppgifter">Dina uppgifter</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <TextField name="name" label="Namn" autoComplete="name" defaultValue={values.name} error={errors?.name} required />
          <TextField name="title" label="Befattning" autoComplete="organization-title" defaultValue={values.title} error={errors?.title} />
          <OrganisationFields values={values} errors={errors} withType />
          <Checkbox
            name="listedPublicly"
            label="Visa mig som medlem på min kommuns sida"
            hint="Andra ser då ditt namn och din befattning. Din e-postadress visas aldrig."
            defaultChecked={profile.listedPublicly}
          />
          <SubmitButton name="intent" value="profile" pendingText="Sparar…">
            Spara uppgifter
          </SubmitButton>
        </Form>
      </section>

      <AffiliationStatus
        status={profile.affiliationStatus}
        claimed={profile.municipality?.officialName ?? profile.organisation?.name ?? null}
        note={profile.affiliationNote}
        emailConfirmed={!!profile.emailVerifiedAt}
      />

      <section className="section" aria-labelledby="epost">
        <h2 id="epost">E-postadress</h2>
        <p>Nuvarande adress: {profile.email}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="email" />
          <TextField
            name="email"
            label="Ny e-postadress"
            type="email"
            autoComplete="email"
            hint="Vi skickar en länk till den nya adressen och ett meddelande till den nuvarande. Den gamla gäller tills du har följt länken."
            defaultValue={actionData?.values?.email}
            error={errors?.email}
          />
          <TextField name="emailPassword" label="Ditt nuvarande lösenord" type="password" autoComplete="current-password" error={errors?.emailPassword} />
          <SubmitButton secondary name="intent" value="email">
            Byt e-postadress
          </SubmitButton>
        </Form>
      </section>

      <section className="section" aria-labelledby="losenord">
        <h2 id="losenord">Lösenord</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="password" />
          <TextField name="currentPassword" label="Nuvarande lösenord" type="password" autoComplete="current-password" error={errors?.currentPassword} />
          <TextField name="password" label="Nytt lösenord" type="password" autoComplete="new-password" error={errors?.password} />
          <TextField name="confirm" label="Upprepa det nya lösenordet" type="password" autoComplete="new-password" error={errors?.confirm} />
          <SubmitButton secondary name="intent" value="password">
            Byt lösenord
          </SubmitButton>
        </Form>
      </section>

      <section className="section" aria-labelledby="sakerhet">
        <h2 id="sakerhet">Säkerhet</h2>
        <p>
          Tvåstegsverifiering:{" "}
          {profile.totpEnabledAt ? <strong>påslagen</strong> : <strong>avstängd{profile.role === "admin" ? " (krävs för administratörer)" : ""}</strong>}.{" "}
          <Link to="/profil/tvastegs">{profile.totpEnabledAt ? "Hantera tvåstegsverifiering" : "Slå på tvåstegsverifiering"}</Link>
        </p>
        <p>Du är inloggad på {sessions === 1 ? "en enhet" : `${sessions} enheter`}.</p>
        <Form method="post">
          <SubmitButton secondary name="intent" value="logout-everywhere" pendingText="Loggar ut…">
            Logga ut från alla enheter
          </SubmitButton>
        </Form>
      </section>

      <section className="section" aria-labelledby="anmalningar">
        <h2 id="anmalningar">Mina anmälningar</h2>
        {registrations.length ? (
          <ul>
            {registrations.map((r) => (
              <li key={r.id}>
                <Link to={eventHref(r.event)}>{r.event.title}</Link>, <DateTime value={r.event.startsAt} />: {REGISTRATION_STATUS[r.status] ?? r.status}
              </li>
            ))}
          </ul>
        ) : (
          <p>
            Du har inga anmälningar kopplade till kontot. <Link to="/forum">Se kommande forum</Link>
          </p>
        )}
      </section>

      <section className="section" aria-labelledby="diskussioner">
        <h2 id="diskussioner">Diskussioner</h2>
        {profile.handle ? (
          <p>
            Ditt användarnamn är <strong>@{profile.handle}</strong>. Andra kan nämna dig i ett inlägg genom att skriva det, och då får du ett mejl.
          </p>
        ) : null}
        <p>
          <Link to="/profil/bevakningar">Mina bevakningar</Link>: trådar och kategorier du får mejl om, och veckans sammanfattning.
        </p>
        {profile.role !== "member" ? (
          <p>
            <Link to={MODERATION_QUEUE_HREF}>Moderering</Link>: flaggade inlägg som väntar på en moderator.
          </p>
        ) : null}
      </section>

      <section className="section" aria-labelledby="data">
        <h2 id="data">Dina personuppgifter</h2>
        <p>
          <a href="/profil/export" download>
            Ladda ned dina uppgifter (JSON)
          </a>
        </p>
        <p>
          <Link to="/profil/radera">Radera ditt konto</Link>
        </p>
      </section>
    </>
  );
}
