import { z } from "zod";
import { emailField, nameField } from "./fields";
import { chosenOrganisation, organisationSchema } from "./organisation";

/** What a contact message is about; the first adds the sender to the invitation list. */
export const CONTACT_SUBJECTS = [
  { value: "inbjudan", label: "Jag vill få inbjudan till nästa forum" },
  { value: "inspelning", label: "Jag vill se en inspelning" },
  { value: "presentera", label: "Vi vill berätta om vårt arbete" },
  { value: "webbplatsen", label: "Fel eller synpunkter på webbplatsen" },
  { value: "ovrigt", label: "Något annat" },
] as const;

export const CONTACT_STATUSES = [
  { value: "ny", label: "Ny" },
  { value: "besvarad", label: "Besvarad" },
  { value: "arkiverad", label: "Arkiverad" },
] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number]["value"];

export const subjectLabel = (value: string) => CONTACT_SUBJECTS.find((s) => s.value === value)?.label ?? value;

const SUBJECT_VALUES = CONTACT_SUBJECTS.map((s) => s.value) as [(typeof CONTACT_SUBJECTS)[number]["value"], ...(typeof CONTACT_SUBJECTS)[number]["value"][]];

/**
 * The Kontakt form. No consent box: a message is kept to answer it (the privacy
 * notice, linked from the form, says for how long). Where the sender works is
 * optional, asked like everywhere else (OrganisationFields).
 */
export const contactSchema = z
  .object({
    name: nameField,
    email: emailField,
    subject: z.enum(SUBJECT_VALUES, { errorMap: () => ({ message: "Välj vad meddelandet gäller." }) }),
    body: z.string({ required_error: "Skriv ditt meddelande." }).trim().min(1, "Skriv ditt meddelande.").max(5000, "Meddelandet får ha högst 5 000 tecken."),
  })
  .and(organisationSchema({ optional: true }))
  .transform(({ orgKind: _kind, municipalityCode: _code, orgName: _name, orgType: _type, ...v }) => ({
    ...v,
    ...chosenOrganisation({ orgKind: _kind, municipalityCode: _code, orgName: _name }),
  }));

export const contactReplySchema = z.object({
  body: z.string({ required_error: "Skriv ditt svar." }).trim().min(1, "Skriv ditt svar.").max(10000, "Svaret får ha högst 10 000 tecken."),
});
