import { describe, expect, it } from "vitest";
import { eventFormatLabel, eventPlaceLabel, seatsLeftLabel } from "./labels";

describe("labels", () => {
  it("names event formats in Swedish and passes unknown codes through", () => {
    expect(eventFormatLabel("webinar")).toBe("Webbinarium");
    expect(eventFormatLabel("hybrid")).toBe("På plats och digitalt");
    expect(eventFormatLabel("okänt")).toBe("okänt");
  });

  it("describes the place", () => {
    expect(eventPlaceLabel("onsite", " Borlänge stadshus ")).toBe("Borlänge stadshus");
    expect(eventPlaceLabel("webinar", "")).toBe("Digitalt");
    expect(eventPlaceLabel("onsite", "")).toBe("Meddelas senare");
  });

  it("states seats left, full, or nothing without a limit", () => {
    expect(seatsLeftLabel(63, 100)).toBe("63 platser kvar av 100");
    expect(seatsLeftLabel(1, 100)).toBe("1 plats kvar av 100");
    expect(seatsLeftLabel(0, 100)).toBe("Fullbokat");
    expect(seatsLeftLabel(null, null)).toBeNull();
  });
});
