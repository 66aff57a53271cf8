import { Form, Link } from "@remix-run/react";
import type { FieldErrors } from "~/utils/forms";
import { REGISTRATION_LABELS } from "~/validation/registration";
import { Checkbox, ErrorSummary, Honeypot, SubmitButton, TextField } from "./forms";
import { OrganisationFields } from "./organisation-fields";
import { DateTime } from "./date-time";
import { eventRegistrationHref, PRIVACY_HREF } from "~/utils/links";

export type RegistrationMember = { name: string; email: string; workplace: string; title: string };

/**
 * The registration form of an event page. Works without JavaScript (a plain POST
 * to the page). Logged-in members get a shorter form: name, email and workplace
 * come from their account.
 */
export function RegistrationForm({
  slug,
  member,
  errors,
  values = {},
  seatsLeft,
  deadline,
}: {
  slug: string;
  member: RegistrationMember | null;
  errors?: FieldErrors;
  values?: Record<string, string>;
  seatsLeft: number | null;
  deadline: string | null;
}) {
  const full = seatsLeft === 0;
  return (
    <>
      {full ? (
        <p className="notice notice--warning">Forumet är fullbokat. Anmäl dig ändå, så hamnar du på väntelistan och får ett mejl om en plats blir ledig.</p>
      ) : null}
      {deadline ? (
        <p>
          Sista dag att anmäla sig är <DateTime value={deadline} />.
        </p>
      ) : null}
      <ErrorSummary errors={errors} labels={REGISTRATION_LABELS} />
      <Form method="post" action={eventRegistrationHref({ slug })} noValidate>
        <Honeypot />
        {member ? (
          <div className="notice">
            <p>
              Du anmäler dig som <strong>{member.name}</strong> ({member.email}){member.workplace ? `, ${member.workplace}` : ""}. Stämmer något inte?{" "}
              <Link to="/profil">Ändra dina uppgifter på profilsidan</Link>.
            </p>
          </div>
        ) : (
          <>
            <TextField name="name" label="Namn" autoComplete="name" defaultValue={values.name} error={errors?.name} required />
            <TextField
              name="email"
              label="E-postadress"
              type="email"
              autoComplete="email"
              hint="Hit skickar vi en länk som du bekräftar anmälan med. Sedan får du länken till webbinariet."
              defaultValue={values.email}
              error={errors?.email}
              required
            />
          </>
        )}
        <TextField
          name="title"
          label="Befattning (frivilligt)"
          hint="Till exempel BI-analytiker eller IT-strateg."
          autoComplete="organization-title"
          defaultValue={values.title ?? member?.title ?? ""}
          error={errors?.title}
        />
        {member ? null : <OrganisationFields values={values} errors={errors} idPrefix="reg-" />}
        <Checkbox
          name="consentInvites"
          label="Skicka inbjudningar till kommande forum till mig (frivilligt)."
          hint="Du får först ett mejl där du bekräftar. Du kan avsluta med en länk i varje inbjudan."
          defaultChecked={values.consentInvites === "on"}
        />
        <p className="form-privacy">
          Vi använder uppgifterna bara för att hantera din anmälan till det här forumet och tar bort dem enligt{" "}
          <Link to={PRIVACY_HREF}>personuppgiftspolicyn</Link>.
        </p>
        <SubmitButton pendingText="Skickar anmälan…">{full ? "Ställ mig på väntelistan" : "Anmäl dig"}</SubmitButton>
      </Form>
    </>
  );
}

/** What the registrant's own pages say about the status. */
export function RegistrationStatusNotice({ status, position }: { status: string; position: number | null }) {
  if (status === "confirmed") return <p className="notice notice--success">Du är anmäld och har en plats.</p>;
  if (status === "waitlisted") {
    return (
      <p className="notice notice--warning">
        Forumet är fullbokat. Du står på väntelistan som <strong>{`nummer ${position}`}</strong>. Blir en plats ledig flyttas du upp automatiskt och får ett
        mejl.
      </p>
    );
  }
  if (status === "pending") return <p className="notice">Anmälan är inte bekräftad än. Följ länken i mejlet vi skickade.</p>;
  if (status === "expired") return <p className="notice">Anmälan bekräftades inte i tid. Anmäl dig igen om du vill vara med.</p>;
  return <p className="notice">Du är avanmäld från forumet.</p>;
}
