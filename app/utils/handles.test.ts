import { describe, expect, it } from "vitest";
import { extractMentions, handleBase } from "./handles";

describe("handles and mentions", () => {
  it("derives a handle from a Swedish name", () => {
    expect(handleBase("Anna Öberg")).toBe("anna-oberg");
    expect(handleBase("Mary O'Neil")).toBe("mary-oneil");
    expect(handleBase("李")).toBe("medlem");
  });

  it("finds each mentioned handle once, lower-cased, and ignores addresses, URLs and code", () => {
    const body = [
      "Tack @Anna-Oberg och @per-eriksson! Fråga @anna-oberg igen.",
      "Mejla anna@kommun.se eller se https://x.se/@nagon.",
      "`@inte-i-kod` och",
      "```",
      "@inte-heller",
      "```",
      "(@sist-i-parentes)",
    ].join("\n");
    expect(extractMentions(body)).toEqual(["anna-oberg", "per-eriksson", "sist-i-parentes"]);
  });

  it("does not take a trailing hyphen or full stop into the handle", () => {
    expect(extractMentions("Hej @lisa-.")).toEqual(["lisa"]);
  });
});
