import { z } from "zod";
import { emailField as email, nameField as name } from "./fields";
import { organisationSchema } from "./organisation";

export { ORGANISATION_TYPES } from "./organisation";

/** Form schemas for accounts, shared by browser and server. Messages are Swedish and say how to fix. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

const password = z
  .string({ required_error: "Skriv ett lösenord." })
  .min(PASSWORD_MIN, `Lösenordet måste ha minst ${PASSWORD_MIN} tecken.`)
  .max(PASSWORD_MAX, `Lösenordet får ha högst ${PASSWORD_MAX} tecken.`);

const title = z.string().trim().max(120, "Titeln får ha högst 120 tecken.").default("");

export const signupSchema = z.object({ name, email, password, title }).and(organisationSchema({ withType: true }));

export const profileSchema = z.object({ name, title, listedPublicly: z.literal("on").optional() }).and(organisationSchema({ withType: true }));

export const loginSchema = z.object({
  email,
  password: z
    .string({ required_error: "Skriv ditt lösenord." })
    .min(1, "Skriv ditt lösenord.")
    .max(PASSWORD_MAX * 4, "Lösenordet är för långt."),
  redirectTo: z.string().optional(),
});

export const emailOnlySchema = z.object({ email });

/** A new address, confirmed with the current password (its own field name: the page also has the password form). */
export const changeEmailSchema = z.object({
  email,
  emailPassword: z
    .string({ required_error: "Skriv ditt nuvarande lösenord." })
    .min(1, "Skriv ditt nuvarande lösenord.")
    .max(PASSWORD_MAX * 4, "Lösenordet är för långt."),
});

export const newPasswordSchema = z
  .object({ password, confirm: z.string({ required_error: "Skriv lösenordet en gång till." }) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Lösenorden är inte lika. Skriv samma lösenord i båda fälten." });

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "Skriv ditt nuvarande lösenord."), password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Lösenorden är inte lika. Skriv samma lösenord i båda fälten." });

export const totpCodeSchema = z.object({
  code: z
    .string({ required_error: "Skriv koden från din app." })
    .trim()
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().min(6, "Skriv den sexsiffriga koden från din app, eller en återställningskod.").max(20, "Koden är för lång.")),
});

/** The organisation part of a parsed signup/profile form, in the shape the models take. */
export function toOrganisationChoice(v: { orgKind?: "kommun" | "annan"; municipalityCode?: string; orgName?: string; orgType?: string }) {
  return v.orgKind === "kommun"
    ? { orgKind: "kommun" as const, municipalityCode: v.municipalityCode ?? "" }
    : { orgKind: "annan" as const, orgName: v.orgName ?? "", orgType: v.orgType ?? "annan" };
}
