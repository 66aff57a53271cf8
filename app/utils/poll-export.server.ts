import { excelCsv } from "./csv.server";
import type { Breakdown, ResultRow } from "./poll-results";

/**
 * The downloads of a published poll: one serializer each for CSV (Swedish Excel)
 * and JSON. Only aggregate figures; breakdowns arrive already suppressed.
 */
export type PollExport = {
  code: string;
  question: string;
  multipleChoice: boolean;
  imported: boolean;
  resultNote: string;
  respondents: number | null;
  event: { title: string; startsAt: Date | string };
  rows: ResultRow[] | null;
};

const isoDate = (d: Date | string) => new Date(d).toISOString().slice(0, 10);
const decimal = (n: number) => String(n).replace(".", ",");

export const POLL_CSV_HEADER = ["kod", "fraga", "forum", "datum", "svar", "antal", "andel_procent", "antal_svarande"] as const;

export function pollCsv(poll: PollExport): string {
  const base = [poll.code, poll.question, poll.event.title, isoDate(poll.event.startsAt)];
  const n = poll.respondents === null ? "" : String(poll.respondents);
  const rows = poll.rows?.length
    ? poll.rows.map((r) => [...base, r.label, r.count === null ? "" : String(r.count), decimal(r.percent), n])
    : [[...base, poll.resultNote, "", "", n]];
  return excelCsv(POLL_CSV_HEADER, rows);
}

export function pollJson(poll: PollExport, extra: { url: string; breakdowns?: Record<string, Breakdown> }) {
  return {
    code: poll.code,
    question: poll.question,
    url: extra.url,
    forum: { title: poll.event.title, date: isoDate(poll.event.startsAt) },
    multipleChoice: poll.multipleChoice,
    imported: poll.imported,
    respondents: poll.respondents,
    note: poll.imported
      ? "Importerat resultat: andelar som redovisades efter forumet, utan antal. Den del som inte redovisades heter ”Ej redovisat”."
      : poll.multipleChoice
        ? "Andel av de svarande som valde svaret; flera svar var tillåtna."
        : "Andel av de svarande, avrundad så att summan blir 100.",
    resultNote: poll.resultNote || null,
    results: (poll.rows ?? []).map((r) => ({ label: r.label, count: r.count, percent: r.percent, notReported: r.notReported })),
    breakdowns: Object.fromEntries(
      Object.entries(extra.breakdowns ?? {}).map(([key, b]) => [
        key,
        {
          minimumGroupSize: 5,
          suppressedGroups: b.suppressedGroups,
          groups: b.groups.map((g) => ({
            key: g.key,
            label: g.label,
            respondents: g.respondents,
            results: g.rows.map((r) => ({ label: r.label, count: r.count, percent: r.percent })),
          })),
        },
      ]),
    ),
  };
}
