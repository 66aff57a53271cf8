import { describe, expect, it } from "vitest";
import { escapeIcsText, eventUid, foldLine, icsFilename, icsUtc, serializeCalendar, type IcsEvent } from "./ics.server";

const event: IcsEvent = {
  id: "clx123",
  title: "Kommunforum Analytics; BI, IoT och AI",
  summary: "Kommuner delar erfarenheter.\nVälkommen!",
  // 13.00–14.30 in Stockholm in May (CEST, UTC+2).
  startsAt: new Date("2026-05-06T11:00:00Z"),
  endsAt: new Date("2026-05-06T12:30:00Z"),
  location: "På webben",
  url: "https://kommunforum.example/forum/kommunforum-analytics-nasta",
  updatedAt: new Date("2026-01-01T00:00:00Z"),
};
const now = new Date("2026-04-01T08:00:00Z");

describe("ics serializer", () => {
  it("writes UTC times, a stable UID, the URL and CRLF line endings", () => {
    const ics = serializeCalendar([event], { now });
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain("\r\nDTSTART:20260506T110000Z\r\n");
    expect(ics).toContain("\r\nDTEND:20260506T123000Z\r\n");
    expect(ics).toContain("\r\nDTSTAMP:20260401T080000Z\r\n");
    expect(ics).toContain("\r\nUID:clx123@kommunforum\r\n");
    expect(ics).toContain("\r\nURL:https://kommunforum.example/forum/kommunforum-analytics-nasta\r\n");
    expect(ics).toContain("\r\nSTATUS:CONFIRMED\r\n");
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/\n/);
    // The UID does not depend on when the file was made.
    const later = serializeCalendar([event], { now: new Date("2026-04-02T00:00:00Z") });
    expect(later).toContain(`UID:${eventUid(event.id)}`);
  });

  it("escapes text values and keeps the join link out unless given", () => {
    const ics = serializeCalendar([event], { now });
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain("SUMMARY:Kommunforum Analytics\\; BI\\, IoT och AI\r\n");
    expect(unfolded).toContain(
      "DESCRIPTION:Kommuner delar erfarenheter.\\nVälkommen!\\n\\nMer om forumet: https://kommunforum.example/forum/kommunforum-analytics-nasta",
    );
    expect(unfolded).toContain("LOCATION:På webben");
    expect(unfolded).not.toContain("webbinariet");
    const personal = serializeCalendar([{ ...event, joinUrl: "https://meet.example/abc" }], { now }).replace(/\r\n /g, "");
    expect(personal).toContain("Länk till webbinariet: https://meet.example/abc");
    expect(personal).toContain("LOCATION:https://meet.example/abc");
  });

  it("marks cancelled events and a newer edit gets a higher SEQUENCE", () => {
    const seq = (ics: string) => Number(/SEQUENCE:(\d+)/.exec(ics)?.[1]);
    const a = serializeCalendar([event], { now });
    const b = serializeCalendar([{ ...event, cancelled: true, updatedAt: new Date("2026-02-01T00:00:00Z") }], { now });
    expect(b).toContain("STATUS:CANCELLED");
    expect(seq(b)).toBeGreaterThan(seq(a));
  });

  it("folds long lines at 75 octets without splitting multi-byte characters", () => {
    const line = `SUMMARY:${"åäö".repeat(40)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
    expect(
      folded
        .split("\r\n")
        .slice(1)
        .every((p) => p.startsWith(" ")),
    ).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldLine("kort")).toBe("kort");
  });

  it("serializes several events and has helpers for names and times", () => {
    const ics = serializeCalendar([event, { ...event, id: "other" }], { now, name: "Kommande forum" });
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain("X-WR-CALNAME:Kommande forum");
    expect(icsUtc(new Date("2026-12-31T23:59:59.999Z"))).toBe("20261231T235959Z");
    expect(escapeIcsText("a\\b")).toBe("a\\\\b");
    expect(icsFilename("kommunforum-analytics-nasta")).toBe("kommunforum-analytics-nasta.ics");
    expect(icsFilename("../x")).toBe("x.ics");
  });
});
