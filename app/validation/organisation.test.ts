import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/forms";
import { signupSchema } from "./auth";
import { contactSchema } from "./contact";
import { registrationSchema } from "./registration";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};

describe("the organisation question in every form", () => {
  it("reports the kommun error together with the form's other errors, in field order", () => {
    const parsed = parseForm(
      registrationSchema,
      form([
        ["name", ""],
        ["email", "inte-en-adress"],
        ["title", ""],
        ["orgKind", "kommun"],
        ["municipalityCode", ""],
        ["orgName", ""],
      ]),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors)).toEqual(["name", "email", "municipalityCode"]);
    expect(parsed.errors.municipalityCode).toBe("Välj din kommun i listan.");
  });

  it("asks an account for the other organisation's name and type at once, beside a missing password", () => {
    const parsed = parseForm(
      signupSchema,
      form([
        ["name", "Anna"],
        ["email", "anna@kommun.example"],
        ["password", ""],
        ["orgKind", "annan"],
        ["municipalityCode", "2081"],
        ["orgName", ""],
        ["orgType", ""],
      ]),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors)).toEqual(["password", "orgName", "orgType"]);
  });

  it("keeps only the chosen kind's answer, and in Kontakt no answer is needed", () => {
    const base: [string, string][] = [
      ["name", "Anna"],
      ["email", "anna@kommun.example"],
      ["subject", "ovrigt"],
      ["body", "Hej"],
    ];
    const kommun = parseForm(contactSchema, form([...base, ["orgKind", "kommun"], ["municipalityCode", "2081"], ["orgName", "Region Dalarna"]]));
    expect(kommun.ok && [kommun.data.municipalityCode, kommun.data.organisationName]).toEqual(["2081", ""]);
    const other = parseForm(contactSchema, form([...base, ["orgKind", "annan"], ["municipalityCode", "2081"], ["orgName", "Region Dalarna"]]));
    expect(other.ok && [other.data.municipalityCode, other.data.organisationName]).toEqual([null, "Region Dalarna"]);
    const none = parseForm(contactSchema, form([...base, ["municipalityCode", ""], ["orgName", ""]]));
    expect(none.ok && [none.data.municipalityCode, none.data.organisationName]).toEqual([null, ""]);
  });

  it("needs no consent box to register or to send a message", () => {
    const registration = parseForm(
      registrationSchema,
      form([
        ["name", "Anna"],
        ["email", "anna@kommun.example"],
        ["orgKind", "kommun"],
        ["municipalityCode", "2081"],
      ]),
    );
    expect(registration.ok).toBe(true);
  });
});
