import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ErrorSummary, TextArea, TextField } from "./forms";
import { OrganisationFields } from "./organisation-fields";

const ids = (html: string) => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);

describe("fields with an id of their own", () => {
  it("let two fields of one name stand on a page, each label and message tied to its own field", () => {
    const html = renderToStaticMarkup(
      <>
        <TextArea id="kommentar-a" name="body" label="Kommentar" error="Skriv en kommentar." />
        <TextArea id="kommentar-b" name="body" label="Kommentar" hint="Högst 2 000 tecken." />
      </>,
    );
    expect(ids(html)).toEqual(["kommentar-a-error", "kommentar-a", "kommentar-b-hint", "kommentar-b"]);
    expect(html).toContain('<label for="kommentar-a">');
    expect(html).toContain('aria-describedby="kommentar-a-error"');
    expect(html).toContain('<label for="kommentar-b">');
    expect(html).toContain('aria-describedby="kommentar-b-hint"');
  });

  it("keep the name-based id the error summary links to when no id is given, and announce an error when asked", () => {
    const html = renderToStaticMarkup(<TextField name="email" label="E-post" error="Fel adress." alert />);
    expect(ids(html)).toEqual(["falt-email-error", "falt-email"]);
    expect(html).toContain('<span class="field__error" id="falt-email-error" role="alert">');
  });
});

describe("the organisation question", () => {
  it("puts each radio button's own question right after it, so CSS can show only the chosen one", () => {
    const html = renderToStaticMarkup(<OrganisationFields values={{ orgKind: "annan" }} withType />);
    const order = [...html.matchAll(/id="([^"]*(?:orgKind-\w+|falt-municipalityCode|falt-orgName|falt-orgType))"/g)].map((m) => m[1]);
    expect(order).toEqual(["orgKind-kommun", "falt-municipalityCode", "orgKind-annan", "falt-orgName", "falt-orgType"]);
    expect(html).toMatch(/id="orgKind-annan" name="orgKind" checked=""/);
    expect(html.match(/<optgroup/g)).toHaveLength(21);
  });

  it("chooses nothing in advance when the question is optional, and says so", () => {
    const html = renderToStaticMarkup(<OrganisationFields values={{}} optional />);
    expect(html).toContain("<legend>Var arbetar du? (frivilligt)</legend>");
    expect(html).not.toContain("checked");
  });
});

describe("the error summary", () => {
  it("links each field's error to its field and gives a refusal of the whole form as text", () => {
    const html = renderToStaticMarkup(
      <ErrorSummary errors={{ form: "För många försök. Vänta 5 minuter och försök igen.", email: "Skriv din e-postadress." }} />,
    );
    expect(html).toContain("<li>För många försök. Vänta 5 minuter och försök igen.</li>");
    expect(html).toContain('<a href="#falt-email">Skriv din e-postadress.</a>');
  });
});
