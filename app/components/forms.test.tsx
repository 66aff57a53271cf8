import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TextArea, TextField } from "./forms";

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
