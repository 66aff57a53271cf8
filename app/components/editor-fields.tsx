import { Markdown } from "./markdown";
import { MarkdownHelp } from "./markdown-help";
import { fieldId, SubmitButton, TextArea, TextField } from "./forms";

/**
 * Pieces the editors share (cases, articles, discussion questions): the tag
 * choices, the Markdown text with its help, new tags, the save and preview buttons,
 * and the preview the server renders with the same pipeline as the public page.
 */

export function TagCheckboxes({
  tags,
  selected,
  error,
  legend = "Områden",
}: {
  tags: Array<{ slug: string; name: string; kind: string }>;
  selected: string[];
  error?: string;
  legend?: string;
}) {
  return (
    <fieldset className={`checkbox-group field${error ? " field--error" : ""}`} id={fieldId("tags")}>
      <legend>{legend}</legend>
      {error ? <span className="field__error">{error}</span> : null}
      {tags.map((t) => (
        <div className="choice" key={t.slug}>
          <input type="checkbox" id={`tagg-${t.slug}`} name="tags" value={t.slug} defaultChecked={selected.includes(t.slug)} />
          <label htmlFor={`tagg-${t.slug}`}>{t.name}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function PreviewPanel({ html }: { html: string | null | undefined }) {
  if (html == null) return null;
  return (
    <section className="preview" aria-labelledby="forhandsgranskning" tabIndex={-1}>
      <h2 id="forhandsgranskning">Förhandsgranskning</h2>
      <p className="muted">Så här kommer texten att se ut. Inget är sparat än.</p>
      {html ? <Markdown html={html} /> : <p>Texten är tom.</p>}
    </section>
  );
}

/** The editor's Markdown text (field bodyMd), with the syntax help below it. */
export function MarkdownBodyField({ label, hint, value, error }: { label: string; hint: string; value?: string; error?: string }) {
  return (
    <>
      <TextArea name="bodyMd" label={label} hint={hint} defaultValue={value} error={error} rows={24} className="editor-textarea" />
      <MarkdownHelp />
    </>
  );
}

/** New tags, written as a comma-separated list (field extraTags). */
export function ExtraTagsField({ label, value, error }: { label: string; value?: string; error?: string }) {
  return <TextField name="extraTags" label={label} hint="Frivilligt. Nya taggar, åtskilda med kommatecken." defaultValue={value} error={error} />;
}

/** Save, and "Förhandsgranska": intent=preview sends the form back unsaved with the text rendered. */
export function EditorActions({ submitLabel }: { submitLabel: string }) {
  return (
    <div className="button-row">
      <SubmitButton name="intent" value="save" pendingText="Sparar…">
        {submitLabel}
      </SubmitButton>
      <SubmitButton secondary name="intent" value="preview" pendingText="Förhandsgranskar…">
        Förhandsgranska
      </SubmitButton>
    </div>
  );
}
