import { z } from "zod";

/** The types of "another organisation" an account names. */
export const ORGANISATION_TYPES = [
  { value: "region", label: "Region" },
  { value: "lansstyrelse", label: "Länsstyrelse" },
  { value: "myndighet", label: "Statlig myndighet" },
  { value: "foretag", label: "Företag" },
  { value: "annan", label: "Annan organisation" },
] as const;

type Organisation = { orgKind?: "kommun" | "annan"; municipalityCode?: string; orgName?: string; orgType?: string };

/**
 * The answer to OrganisationFields (components/organisation-fields.tsx): a
 * municipality from the list, or another organisation's name (and type when
 * `withType`); with `optional`, no choice at all. Join it to a form's own
 * schema with `.and()`: an intersection checks both sides, so the kommun error
 * shows in the same answer as the form's other errors, not only once they are
 * fixed (a `.superRefine` on the whole object runs only when the object is valid).
 */
export function organisationSchema({ withType = false, optional = false }: { withType?: boolean; optional?: boolean } = {}) {
  const kind = z.enum(["kommun", "annan"], { errorMap: () => ({ message: "Välj om du arbetar i en kommun eller i en annan organisation." }) });
  return z
    .object({
      orgKind: optional ? kind.optional() : kind,
      municipalityCode: z.string().trim().optional(),
      orgName: z.string().trim().max(160, "Organisationens namn får ha högst 160 tecken.").optional(),
      orgType: z.string().trim().optional(),
    })
    .superRefine((v: Organisation, ctx) => {
      if (v.orgKind === "kommun" && !/^\d{4}$/.test(v.municipalityCode ?? "")) {
        ctx.addIssue({ code: "custom", path: ["municipalityCode"], message: "Välj din kommun i listan." });
      }
      if (v.orgKind === "annan") {
        if (!v.orgName) ctx.addIssue({ code: "custom", path: ["orgName"], message: "Skriv organisationens namn." });
        if (withType && !ORGANISATION_TYPES.some((t) => t.value === v.orgType)) {
          ctx.addIssue({ code: "custom", path: ["orgType"], message: "Välj vilken sorts organisation det är." });
        }
      }
    });
}

/** Only the chosen kind's fields: a kommun, or an organisation's name ("" for none). */
export function chosenOrganisation(v: Organisation): { municipalityCode: string | null; organisationName: string } {
  if (v.orgKind === "kommun") return { municipalityCode: v.municipalityCode ?? null, organisationName: "" };
  if (v.orgKind === "annan") return { municipalityCode: null, organisationName: v.orgName ?? "" };
  return { municipalityCode: null, organisationName: "" };
}
