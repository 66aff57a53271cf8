import { describe, expect, it } from "vitest";
import { eventJsonLd, serializeJsonLd } from "./json-ld";

const base = {
  title: "Kommunforum Analytics",
  summary: "Två kommuner berättar.",
  startsAt: "2021-05-06T11:00:00.000Z",
  endsAt: new Date("2021-05-06T12:30:00Z"),
  format: "webinar",
  location: "",
  capacity: 100,
  seatsLeft: 40,
  speakers: [{ name: "Anna", title: "BI-strateg", organisationName: "", municipality: { name: "Borlänge" } }],
};

describe("serializeJsonLd", () => {
  it("cannot close the script element it is inlined in", () => {
    const out = serializeJsonLd({ name: "</script><script>alert(1)</script>" });
    expect(out).not.toContain("<");
    expect(JSON.parse(out)).toEqual({ name: "</script><script>alert(1)</script>" });
  });

  it("escapes the JavaScript line separators", () => {
    const out = serializeJsonLd({ t: "a\u2028b\u2029c" });
    expect(out).toContain("\\u2028");
    expect(out).toContain("\\u2029");
    expect(JSON.parse(out)).toEqual({ t: "a\u2028b\u2029c" });
  });
});

describe("eventJsonLd", () => {
  it("describes a webinar as an online Event with ISO dates, capacity and performers", () => {
    const ld = eventJsonLd(base, { url: "https://example.org/forum/x", organizerName: "Forumansvarig" });
    expect(ld).toMatchObject({
      "@type": "Event",
      name: "Kommunforum Analytics",
      startDate: "2021-05-06T11:00:00.000Z",
      endDate: "2021-05-06T12:30:00.000Z",
      eventAttendanceMode: "https://schema.org/OnlineEventAttendanceMode",
      location: { "@type": "VirtualLocation", url: "https://example.org/forum/x" },
      maximumAttendeeCapacity: 100,
      remainingAttendeeCapacity: 40,
      performer: [{ "@type": "Person", name: "Anna", jobTitle: "BI-strateg", affiliation: { name: "Borlänge kommun" } }],
    });
  });

  it("uses a Place for events on site and leaves out capacity when unlimited", () => {
    const ld = eventJsonLd(
      { ...base, format: "onsite", location: "Stadshuset", capacity: null, seatsLeft: null, speakers: [] },
      { url: "u", organizerName: "O" },
    );
    expect(ld.location).toEqual({ "@type": "Place", name: "Stadshuset" });
    expect(ld).not.toHaveProperty("maximumAttendeeCapacity");
    expect(ld).not.toHaveProperty("performer");
  });
});
