import { fromStockholmInputValue } from "~/utils/format";

/**
 * The log's filter from the query string (?person=…&forum=…&fran=YYYY-MM-DD&till=YYYY-MM-DD&fore=…).
 * Dates are whole days in Stockholm; "till" includes its day. A bad date gives a
 * Swedish message instead of a filter.
 */

export type AuditQuery = { person: string; forum: string; fran: string; till: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight in Stockholm at the start of the day, `days` after the given one. */
function dayStart(value: string, days = 0): Date | null {
  if (!DATE.test(value)) return null;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d + days));
  if (days === 0 && day.toISOString().slice(0, 10) !== value) return null; // 2026-02-31
  return fromStockholmInputValue(`${day.toISOString().slice(0, 10)}T00:00`);
}

export function parseAuditQuery(params: URLSearchParams) {
  const read = (name: string) => params.get(name)?.trim().slice(0, 64) ?? "";
  const query: AuditQuery = { person: read("person"), forum: read("forum"), fran: read("fran"), till: read("till") };
  const errors: Partial<Record<"fran" | "till", string>> = {};
  const from = query.fran ? dayStart(query.fran) : undefined;
  const to = query.till ? (dayStart(query.till) ? dayStart(query.till, 1) : null) : undefined;
  if (from === null) errors.fran = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-01.";
  if (to === null) errors.till = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31.";
  if (from && to && from >= to) errors.till = "Till-datumet kan inte vara före från-datumet.";
  const before = read("fore") || undefined;
  return {
    query,
    errors,
    filter: { actorId: query.person || undefined, eventId: query.forum || undefined, from: from ?? undefined, to: to ?? undefined, before },
  };
}
