/**
 * schema.org JSON-LD for public pages. Inlined in a <script> element, so the
 * serialised JSON must never be able to close that element.
 */

/** JSON for a <script type="application/ld+json">: "<" and the JS line separators are escaped. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

type JsonLdEventInput = {
  title: string;
  summary: string;
  startsAt: Date | string;
  endsAt: Date | string;
  format: string;
  location: string;
  capacity: number | null;
  seatsLeft: number | null;
  speakers: ReadonlyArray<{ name: string; title: string; organisationName: string; municipality: { name: string } | null }>;
};

const ATTENDANCE: Record<string, string> = {
  webinar: "https://schema.org/OnlineEventAttendanceMode",
  onsite: "https://schema.org/OfflineEventAttendanceMode",
  hybrid: "https://schema.org/MixedEventAttendanceMode",
};

const iso = (d: Date | string) => new Date(d).toISOString();

export function eventJsonLd(event: JsonLdEventInput, options: { url: string; organizerName: string }) {
  const online = { "@type": "VirtualLocation", url: options.url };
  const place = { "@type": "Place", name: event.location || "Meddelas senare" };
  const location = event.format === "onsite" ? place : event.format === "hybrid" ? [place, online] : online;
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: event.title,
    ...(event.summary ? { description: event.summary } : {}),
    startDate: iso(event.startsAt),
    endDate: iso(event.endsAt),
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: ATTENDANCE[event.format] ?? ATTENDANCE.webinar,
    location,
    url: options.url,
    inLanguage: "sv",
    organizer: { "@type": "Person", name: options.organizerName },
    ...(event.capacity !== null ? { maximumAttendeeCapacity: event.capacity } : {}),
    ...(event.seatsLeft !== null ? { remainingAttendeeCapacity: event.seatsLeft } : {}),
    ...(event.speakers.length
      ? {
          performer: event.speakers.map((s) => {
            const affiliation = s.municipality ? `${s.municipality.name} kommun` : s.organisationName;
            return {
              "@type": "Person",
              name: s.name,
              ...(s.title ? { jobTitle: s.title } : {}),
              ...(affiliation ? { affiliation: { "@type": "Organization", name: affiliation } } : {}),
            };
          }),
        }
      : {}),
  };
}
