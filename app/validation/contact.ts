import { z } from "zod";

const SUBJECT_VALUES = ["inbjudan", "inspelning", "presentera", "webbplatsen", "ovrigt"] as const;

export const contactSchema = z
  .object({
    name: z.string({ required_error: "Skriv ditt namn." }).trim().min(1, "Skriv ditt namn.").max(120, "Namnet får ha högst 120 tecken."),
    email: z
      .string({ required_error: "Skriv din e-postadress." })
      .trim()
      .min(1, "Skriv din e-postadress.")
      .max(254, "E-postadressen är för lång.")
      .email("Skriv e-postadressen i formatet namn@exempel.se.")
      .transform((v) => v.toLowerCase()),
    municipalityCode: z.string().trim().optional(),
    organisationName: z.string().trim().max(160, "Organisationens namn får ha högst 160 tecken.").optional(),
    subject: z.enum(SUBJECT_VALUES, { errorMap: () => ({ message: "Välj vad meddelandet gäller." }) }),
    body: z.string({ required_error: "Skriv ditt meddelande." }).trim().min(1, "Skriv ditt meddelande.").max(5000, "Meddelandet får ha högst 5 000 tecken."),
    consent: z.literal("on", { errorMap: () => ({ message: "Du behöver godkänna att vi sparar meddelandet för att kunna svara." }) }),
  })
  .transform((v) => ({
    ...v,
    municipalityCode: /^\d{4}$/.test(v.municipalityCode ?? "") ? v.municipalityCode! : null,
    organisationName: v.organisationName ?? "",
  }));

export const contactReplySchema = z.object({
  body: z.string({ required_error: "Skriv ditt svar." }).trim().min(1, "Skriv ditt svar.").max(10000, "Svaret får ha högst 10 000 tecken."),
});
