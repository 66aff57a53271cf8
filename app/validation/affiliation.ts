import { z } from "zod";

/** Forms of the organizer's affiliation pages (docs/decisions/012-verified-affiliation.md). */

// Free mail services: anyone can get an address there, so such a domain proves nothing.
const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "hotmail.com",
  "hotmail.se",
  "outlook.com",
  "outlook.se",
  "live.com",
  "live.se",
  "msn.com",
  "yahoo.com",
  "yahoo.se",
  "icloud.com",
  "me.com",
  "proton.me",
  "protonmail.com",
  "telia.com",
  "spray.se",
]);

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const DOMAIN = new RegExp(`^(?:${LABEL}\\.)+${LABEL}$`);

/** "@Borlange.se " → "borlange.se". */
export const domainField = z
  .string({ required_error: "Skriv domänen." })
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^@/, ""))
  .pipe(
    z
      .string()
      .min(1, "Skriv domänen.")
      .max(253, "Domänen är för lång.")
      .regex(DOMAIN, "Skriv domänen som den står efter @ i adressen, till exempel borlange.se.")
      .refine((d) => !PUBLIC_MAIL_DOMAINS.has(d), "Det är en allmän e-posttjänst där vem som helst kan få en adress. Den kan inte bevisa var någon arbetar."),
  );

const optionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => v || null);

export const addDomainSchema = z
  .object({
    domain: domainField,
    owner: z.enum(["kommun", "organisation"], { errorMap: () => ({ message: "Välj om domänen hör till en kommun eller en organisation." }) }),
    municipalityCode: optionalId,
    organisationId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.owner === "kommun" && !/^\d{4}$/.test(v.municipalityCode ?? "")) {
      ctx.addIssue({ code: "custom", path: ["municipalityCode"], message: "Välj kommunen i listan." });
    }
    if (v.owner === "organisation" && !v.organisationId) {
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: "Välj organisationen i listan." });
    }
  })
  .transform((v) => ({
    domain: v.domain,
    target:
      v.owner === "kommun" ? { municipalityCode: v.municipalityCode, organisationId: null } : { municipalityCode: null, organisationId: v.organisationId },
  }));

export const removeDomainSchema = z.object({ domain: domainField });

/** Approve or reject one claim; the hidden fields name the claim the organizer saw. */
export const claimDecisionSchema = z
  .object({
    userId: z.string().trim().min(1, "Medlemmen saknas.").max(64),
    municipalityCode: optionalId,
    organisationId: optionalId,
    decision: z.enum(["approve", "reject"], { errorMap: () => ({ message: "Välj godkänn eller avvisa." }) }),
    reason: z.string().trim().max(500, "Skälet får ha högst 500 tecken.").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject" && (v.reason ?? "").length < 3) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Skriv ett skäl med minst 3 tecken. Medlemmen får det i ett mejl." });
    }
  });
