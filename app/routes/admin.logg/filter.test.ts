import { describe, expect, it } from "vitest";
import { parseAuditQuery } from "./filter";

const parse = (query: string) => parseAuditQuery(new URLSearchParams(query));

describe("the log's filter", () => {
  it("reads whole days in Stockholm, the end day included, across daylight saving", () => {
    const { filter, errors } = parse("person=u1&forum=e1&fran=2026-03-01&till=2026-03-31");
    expect(errors).toEqual({});
    expect(filter).toMatchObject({ actorId: "u1", eventId: "e1" });
    expect(filter.from?.toISOString()).toBe("2026-02-28T23:00:00.000Z"); // CET
    expect(filter.to?.toISOString()).toBe("2026-03-31T22:00:00.000Z"); // 1 April 00:00 CEST
  });

  it("gives a Swedish message for a date that is not one, or a period that ends before it starts", () => {
    expect(parse("fran=31/3").errors.fran).toMatch(/ÅÅÅÅ-MM-DD/);
    expect(parse("till=2026-02-31").errors.till).toMatch(/ÅÅÅÅ-MM-DD/);
    expect(parse("fran=2026-04-02&till=2026-04-01").errors.till).toBe("Till-datumet kan inte vara före från-datumet.");
    expect(parse("fran=2026-04-01&till=2026-04-01").errors).toEqual({});
  });

  it("leaves out what is empty", () => {
    expect(parse("person=&forum=&fran=&till=").filter).toEqual({ actorId: undefined, eventId: undefined, from: undefined, to: undefined, before: undefined });
  });
});
