/**
 * iCalendar (RFC 5545) written by hand: one VEVENT per forum, times in UTC, a UID
 * that stays the same for the event's whole life (so a calendar updates the entry
 * instead of adding a second one), CRLF line endings and lines folded at 75 octets.
 */

export type IcsEvent = {
  id: string;
  title: string;
  summary?: string;
  startsAt: Date;
  endsAt: Date;
  location?: string;
  /** The public event page. */
  url: string;
  /** Only in a confirmed registrant's own calendar file. */
  joinUrl?: string | null;
  cancelled?: boolean;
  /** Increases with every change, so clients accept the update. */
  updatedAt?: Date;
};

export const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8";
const PRODID = "-//Kommunforum Analytics//Forum//SV";

/** The stable UID of an event: the same in every file and feed. */
export const eventUid = (eventId: string) => `${eventId}@kommunforum`;

/** 20260506T110000Z */
export function icsUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** TEXT values: backslash, semicolon, comma and newlines are escaped (RFC 5545 3.3.11). */
export function escapeIcsText(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
}

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + size > limit) {
      out.push(current);
      current = "";
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

// Seconds since 2024 fit the 31-bit integer clients expect and grow with every edit.
const SEQUENCE_EPOCH = Date.UTC(2024, 0, 1);
const sequenceOf = (updatedAt?: Date) => (updatedAt ? Math.max(0, Math.floor((updatedAt.getTime() - SEQUENCE_EPOCH) / 1000)) : 0);

function vevent(event: IcsEvent, now: Date): string[] {
  const description = [event.summary?.trim(), event.joinUrl ? `Länk till webbinariet: ${event.joinUrl}` : "", `Mer om forumet: ${event.url}`]
    .filter(Boolean)
    .join("\n\n");
  const lines = [
    "BEGIN:VEVENT",
    `UID:${eventUid(event.id)}`,
    `DTSTAMP:${icsUtc(now)}`,
    `DTSTART:${icsUtc(event.startsAt)}`,
    `DTEND:${icsUtc(event.endsAt)}`,
    `SEQUENCE:${sequenceOf(event.updatedAt)}`,
    `SUMMARY:${escapeIcsText(event.title)}`,
    `DESCRIPTION:${escapeIcsText(description)}`,
    `URL:${event.url}`,
    `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
  ];
  const location = event.joinUrl ?? event.location?.trim();
  if (location) lines.push(`LOCATION:${escapeIcsText(location)}`);
  lines.push("END:VEVENT");
  return lines;
}

/** A calendar with one or more events (a single forum, or the feed of upcoming ones). */
export function serializeCalendar(events: IcsEvent[], { name, now = new Date() }: { name?: string; now?: Date } = {}): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODID}`, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  if (name) lines.push(`X-WR-CALNAME:${escapeIcsText(name)}`);
  for (const event of events) lines.push(...vevent(event, now));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** "kommunforum-analytics-nasta.ics" */
export const icsFilename = (slug: string) => `${slug.replace(/[^a-z0-9-]/gi, "") || "forum"}.ics`;
