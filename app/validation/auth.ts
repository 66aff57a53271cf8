import { z } from "zod";
import { emailField as email, nameField as name } from "./fields";

/** Form schemas for accounts, shared by browser and server. Messages are Swedish and say how to fix. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export const ORGANISATION_TYPES = [
  { value: "region", label: "Region" },
  { value: "lansstyrelse", label: "Länsstyrelse" },
  { value: "myndighet", label: "Statlig myndighet" },
  { value: "foretag", label: "Företag" },
  { value: "annan", label: "Annan organisation" },
] as const;


const password = z
  .string({ required_error: "Skriv ett lösenord." })
  .min(PASSWORD_MIN, `Lösenordet måste ha minst ${PASSWORD_MIN} tecken.`)
  .max(PASSWORD_MAX, `Lösenordet får ha högst ${PASSWORD_MAX} tecken.`);

const title = z.string().trim().max(120, "Titeln får ha högst 120 tecken.").default("");

/** Either a municipality from the 290, or another organisation with a name and type. */
const organisation = {
  orgKind: z.enum(["kommun", "annan"], { errorMap: () => ({ message: "Välj om du arbetar i en kommun eller i en annan organisation." }) }),
  municipalityCode: z.string().trim().optional(),
  orgName: z.string().trim().max(160, "Organisationens namn får ha högst 160 tecken.").optional(),
  orgType: z.string().trim().optional(),
};

function checkOrganisation(
  v: { orgKind: "kommun" | "annan"; municipalityCode?: string; orgName?: string; orgType?: string },
  ctx: z.RefinementCtx,
) {
  if (v.orgKind === "kommun" && !/^\d{4}$/.test(v.municipalityCode ?? "")) {
    ctx.addIssue({ code: "custom", path: ["municipalityCode"], message: "Välj din kommun i listan." });
  }
  if (v.orgKind === "annan") {
    if (!v.orgName) ctx.addIssue({ code: "custom", path: ["orgName"], message: "Skriv organisationens namn." });
    if (!ORGANISATION_TYPES.some((t) => t.value === v.orgType)) {
      ctx.addIssue({ code: "custom", path: ["orgType"], message: "Välj vilken sorts organisation det är." });
    }
  }
}

export const signupSchema = z
  .object({ name, email, password, title, ...organisation })
  .superRefine(checkOrganisation);

export const profileSchema = z
  .object({ name, title, ...organisation, listedPublicly: z.literal("on").optional() })
  .superRefine(checkOrganisation);

export const loginSchema = z.object({
  email,
  password: z.string({ required_error: "Skriv ditt lösenord." }).min(1, "Skriv ditt lösenord.").max(PASSWORD_MAX * 4, "Lösenordet är för långt."),
  redirectTo: z.string().optional(),
});

export const emailOnlySchema = z.object({ email });

/** A new address, confirmed with the current password (its own field name: the page also has the password form). */
export const changeEmailSchema = z.object({
  email,
  emailPassword: z.string({ required_error: "Skriv ditt nuvarande lösenord." }).min(1, "Skriv ditt nuvarande lösenord.").max(PASSWORD_MAX * 4, "Lösenordet är för långt."),
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
export function toOrganisationChoice(v: { orgKind: "kommun" | "annan"; municipalityCode?: string; orgName?: string; orgType?: string }) {
  return v.orgKind === "kommun"
    ? { orgKind: "kommun" as const, municipalityCode: v.municipalityCode ?? "" }
    : { orgKind: "annan" as const, orgName: v.orgName ?? "", orgType: v.orgType ?? "annan" };
}
