/**
 * Swedish formatting of dates and numbers, in Europe/Stockholm whatever the
 * server's or the browser's time zone. Shared by server and browser code.
 */
export const TIME_ZONE = "Europe/Stockholm";

const dateTimeParts = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const dateOnly = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const shortDate = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, day: "numeric", month: "long", year: "numeric" });
const timeOnly = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" });
const numberFormat = new Intl.NumberFormat("sv-SE");

const toDate = (d: Date | string) => (typeof d === "string" ? new Date(d) : d);

/** "tisdag 6 maj 2021 kl. 13.00" */
export function formatDateTime(d: Date | string): string {
  const parts = Object.fromEntries(dateTimeParts.formatToParts(toDate(d)).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year} kl. ${parts.hour}.${parts.minute}`;
}

/** "tisdag 6 maj 2021" */
export function formatDate(d: Date | string): string {
  return dateOnly.format(toDate(d));
}

/** "6 maj 2021" */
export function formatShortDate(d: Date | string): string {
  return shortDate.format(toDate(d));
}

/** "13.00" */
export function formatTime(d: Date | string): string {
  return timeOnly.format(toDate(d)).replace(":", ".");
}

/** "1 234,5" with a (non-breaking) space as thousands separator and a decimal comma. */
export function formatNumber(n: number, maximumFractionDigits = 1): string {
  return maximumFractionDigits === 1 ? numberFormat.format(n) : new Intl.NumberFormat("sv-SE", { maximumFractionDigits }).format(n);
}

const relative = new Intl.RelativeTimeFormat("sv", { numeric: "auto" });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "för 3 dagar sedan", "om 2 veckor" */
export function formatRelative(d: Date | string, now: Date = new Date()): string {
  const seconds = (toDate(d).getTime() - now.getTime()) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return "just nu";
}

/** The wall-clock time in Stockholm as "YYYY-MM-DDTHH:mm", for <input type="datetime-local">. */
export function toStockholmInputValue(d: Date | string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("sv-SE", {
      timeZone: TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(toDate(d))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Reads "YYYY-MM-DDTHH:mm" as Stockholm wall-clock time, across daylight-saving changes. */
export function fromStockholmInputValue(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Find the offset Stockholm had at that moment (try both candidate offsets).
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(asUtc - offsetHours * 3600_000);
    if (toStockholmInputValue(candidate) === value) return candidate;
  }
  return null;
}

/** A file's size as people read it: "340 kB", "1,2 MB" (decimal comma, one decimal under 10 MB). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000 * 1000) return `${Math.max(1, Math.round(bytes / 1000))} kB`;
  const mb = bytes / (1000 * 1000);
  return `${new Intl.NumberFormat("sv-SE", { maximumFractionDigits: mb < 10 ? 1 : 0 }).format(mb)} MB`;
}
