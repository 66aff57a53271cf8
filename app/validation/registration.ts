import { z } from "zod";
import { emailField as email, nameField as name } from "./fields";
import { organisationSchema } from "./organisation";

/** The registration form on an event page. Shared by browser and server; messages in Swedish. */

const title = z.string().trim().max(120, "Befattningen får ha högst 120 tecken.").default("");
const consentInvites = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");

/**
 * Visitors: everything, with a municipality from the list or another organisation's
 * name. No consent box: a registration is handled to run the forum (the privacy
 * notice, linked from the form, says so); only the invitation list rests on consent.
 */
export const registrationSchema = z.object({ name, email, title, consentInvites }).and(organisationSchema());

/** Logged-in members: name, email and workplace come from the account. */
export const memberRegistrationSchema = z.object({ title, consentInvites });

/** "Få inbjudan till nästa forum". */
export const invitationSignupSchema = z.object({
  email,
  name: z.string().trim().max(120, "Namnet får ha högst 120 tecken.").default(""),
  municipalityCode: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^\d{4}$/.test(v), "Välj en kommun i listan, eller lämna fältet tomt."),
  consent: z.literal("on", { errorMap: () => ({ message: "Kryssa i att vi får spara din e-postadress för inbjudningar." }) }),
});

export const REGISTRATION_LABELS: Record<string, string> = {
  name: "Namn",
  email: "E-postadress",
  title: "Befattning",
  orgKind: "Var arbetar du?",
  municipalityCode: "Kommun",
  orgName: "Organisation",
};

const registrationId = z.string({ required_error: "Välj en anmälan." }).trim().min(1, "Välj en anmälan.").max(64, "Ogiltig anmälan.");

const messageSubject = z.string({ required_error: "Skriv en rubrik." }).trim().min(1, "Skriv en rubrik.").max(150, "Rubriken får ha högst 150 tecken.");
const messageBody = z
  .string({ required_error: "Skriv ett meddelande." })
  .trim()
  .min(1, "Skriv ett meddelande.")
  .max(5000, "Meddelandet får ha högst 5 000 tecken.");

/** The organizer's actions on the registrations page, one schema per button. */
export const organizerRegistrationActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("promote"), registrationId }),
    z.object({ intent: z.literal("cancel"), registrationId }),
    z.object({
      intent: z.literal("bulk"),
      bulkAction: z.enum(["attended", "absent", "promote", "cancel"], { errorMap: () => ({ message: "Välj vad som ska göras med de valda." }) }),
      ids: z.array(registrationId).min(1, "Kryssa i minst en person i listan.").max(500, "Välj högst 500 personer åt gången."),
      confirmed: z.literal("ja").optional(),
    }),
    z.object({ intent: z.literal("attended"), registrationId }),
    z.object({ intent: z.literal("absent"), registrationId }),
    // "Send the reminder now" asks first, with the number of recipients.
    z.object({ intent: z.literal("reminder"), confirmed: z.literal("ja").optional() }),
    z.object({ intent: z.literal("invite") }),
    // Preview, a test to the organizer, then the send itself, which the page confirms with the number of recipients.
    z.object({
      intent: z.enum(["message", "message-preview", "message-test"]),
      subject: messageSubject,
      body: messageBody,
      confirmed: z.literal("ja").optional(),
      // Set by the recording page's "Berätta för deltagarna att inspelningen finns": each person is told once.
      topic: z.literal("recording").optional(),
    }),
  ],
  { errorMap: () => ({ message: "Okänd åtgärd. Ladda om sidan och försök igen." }) },
);

/** A person the organizer adds by hand: a municipality from the list, or another organisation. */
export const guestAddSchema = z
  .object({
    name,
    email,
    title,
    municipalityCode: z.string().trim().optional().default(""),
    organisationName: z.string().trim().max(160, "Organisationens namn får ha högst 160 tecken.").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.municipalityCode && !/^\d{4}$/.test(v.municipalityCode))
      ctx.addIssue({ code: "custom", path: ["municipalityCode"], message: "Välj en kommun i listan." });
    if (!v.municipalityCode && !v.organisationName) {
      ctx.addIssue({ code: "custom", path: ["municipalityCode"], message: "Välj personens kommun, eller skriv organisationens namn." });
    }
  });
