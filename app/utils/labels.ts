/** Swedish labels for stored codes, shared by pages and components. */

const EVENT_FORMATS: Record<string, string> = {
  webinar: "Webbinarium",
  onsite: "På plats",
  hybrid: "På plats och digitalt",
};

export function eventFormatLabel(format: string): string {
  return EVENT_FORMATS[format] ?? format;
}

/** Where the event takes place, in words: the location, or "Digitalt" for a webinar without one. */
export function eventPlaceLabel(format: string, location: string): string {
  if (location.trim()) return location.trim();
  return format === "webinar" ? "Digitalt" : "Meddelas senare";
}

/** "63 platser kvar av 100", "Fullbokat", or null when there is no limit. */
export function seatsLeftLabel(seatsLeft: number | null, capacity: number | null): string | null {
  if (seatsLeft === null || capacity === null) return null;
  if (seatsLeft === 0) return "Fullbokat";
  return `${seatsLeft} ${seatsLeft === 1 ? "plats" : "platser"} kvar av ${capacity}`;
}

export function answerCountLabel(n: number): string {
  if (n === 0) return "Inga svar än";
  return n === 1 ? "1 svar" : `${n} svar`;
}

export function threadCountLabel(n: number): string {
  if (n === 0) return "Inga trådar än";
  return n === 1 ? "1 tråd" : `${n} trådar`;
}

const EVENT_STATUSES: Record<string, string> = { draft: "Utkast", published: "Publicerat", cancelled: "Inställt" };

export function eventStatusLabel(status: string): string {
  return EVENT_STATUSES[status] ?? status;
}
