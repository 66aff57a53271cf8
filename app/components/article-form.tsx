import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/utils/forms";
import { TagCheckboxes } from "./case-form";
import { ErrorSummary, SubmitButton, TextArea, TextField } from "./forms";
import { MarkdownHelp } from "./markdown-help";

export const ARTICLE_FIELD_LABELS: Record<string, string> = {
  title: "Rubrik",
  slug: "Adress (slug)",
  summary: "Ingress",
  bodyMd: "Text",
  authorName: "Författare",
  tags: "Taggar",
  extraTags: "Fler taggar",
};

/** The article editor: a plain form with a server-rendered preview. */
export function ArticleForm({
  values,
  selectedTags,
  errors,
  tags,
  submitLabel = "Spara",
}: {
  values: Record<string, string | undefined>;
  selectedTags: string[];
  errors?: FieldErrors;
  tags: Array<{ slug: string; name: string; kind: string }>;
  submitLabel?: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={ARTICLE_FIELD_LABELS} />
      <Form method="post" noValidate>
        <TextField name="title" label={ARTICLE_FIELD_LABELS.title!} defaultValue={values.title} error={errors?.title} maxLength={160} required />
        <TextField
          name="slug"
          label={ARTICLE_FIELD_LABELS.slug!}
          hint="Blir en del av adressen, till exempel /spaningar/sammanfattning-maj. Lämna tomt så skapas den från rubriken."
          defaultValue={values.slug}
          error={errors?.slug}
          maxLength={100}
        />
        <TextArea name="summary" label={ARTICLE_FIELD_LABELS.summary!} hint="Ett par meningar som visas i listan." defaultValue={values.summary} error={errors?.summary} rows={3} />
        <TextField
          name="authorName"
          label={ARTICLE_FIELD_LABELS.authorName!}
          hint="Namnet som visas på spaningen. Lämna tomt så används ditt namn."
          defaultValue={values.authorName}
          error={errors?.authorName}
        />
        <TagCheckboxes tags={tags} selected={selectedTags} error={errors?.tags} legend="Taggar" />
        <TextField name="extraTags" label={ARTICLE_FIELD_LABELS.extraTags!} hint="Frivilligt. Nya taggar, åtskilda med kommatecken." defaultValue={values.extraTags} error={errors?.extraTags} />
        <TextArea name="bodyMd" label={ARTICLE_FIELD_LABELS.bodyMd!} hint="Skrivs i Markdown." defaultValue={values.bodyMd} error={errors?.bodyMd} rows={24} className="editor-textarea" />
        <MarkdownHelp />
        <div className="button-row">
          <SubmitButton name="intent" value="save" pendingText="Sparar…">
            {submitLabel}
          </SubmitButton>
          <SubmitButton secondary name="intent" value="preview" pendingText="Förhandsgranskar…">
            Förhandsgranska
          </SubmitButton>
        </div>
      </Form>
    </>
  );
}
