import { z } from "zod";

/** Fields several forms ask for, with the same Swedish messages everywhere. */

/** An email address, lower-cased. */
export const emailField = z
  .string({ required_error: "Skriv din e-postadress." })
  .trim()
  .min(1, "Skriv din e-postadress.")
  .max(254, "E-postadressen är för lång.")
  .email("Skriv e-postadressen i formatet namn@exempel.se.")
  .transform((v) => v.toLowerCase());

/** A person's name. */
export const nameField = z.string({ required_error: "Skriv ditt namn." }).trim().min(1, "Skriv ditt namn.").max(120, "Namnet får ha högst 120 tecken.");
