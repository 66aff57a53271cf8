import { z } from "zod";
import { MATURITY_DIMENSIONS, MATURITY_MAX_SCORE } from "~/data/maturity";

/**
 * The self-assessment form: one radio group per dimension (field name = the
 * dimension key, value 0..4) and the municipality the member answers for, which
 * must be the member's own (checked in the action, 403 otherwise).
 */
const score = (label: string) =>
  z
    .string({ required_error: `Välj ett svar för ${label.toLowerCase()}.` })
    .regex(/^[0-9]$/, `Välj ett svar för ${label.toLowerCase()}.`)
    .transform(Number)
    .refine((n) => n >= 0 && n <= MATURITY_MAX_SCORE, `Välj ett svar för ${label.toLowerCase()}.`);

const scoreFields: Record<string, ReturnType<typeof score>> = Object.fromEntries(MATURITY_DIMENSIONS.map((d) => [d.key, score(d.label)]));

export const maturityAssessmentSchema = z
  .object({
    municipalityCode: z.string({ required_error: "Kommunen saknas i formuläret." }).regex(/^\d{4}$/, "Kommunen saknas i formuläret."),
  })
  .extend(scoreFields)
  .transform((v) => {
    const values = v as Record<string, unknown>;
    const scores: Record<string, number> = {};
    for (const d of MATURITY_DIMENSIONS) scores[d.key] = values[d.key] as number;
    return { municipalityCode: v.municipalityCode, scores };
  });
