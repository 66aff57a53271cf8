import { useFormDraft } from "~/components/form-draft";
import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/utils/forms";
import { EditorActions, ExtraTagsField, MarkdownBodyField, TagCheckboxes } from "./editor-fields";
import { ErrorSummary, TextArea, TextField } from "./forms";

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
  const draft = useFormDraft("spaning");
  return (
    <>
      <ErrorSummary errors={errors} labels={ARTICLE_FIELD_LABELS} />
      {draft.notice}
      <Form method="post" noValidate ref={draft.ref}>
        <TextField name="title" label={ARTICLE_FIELD_LABELS.title!} defaultValue={values.title} error={errors?.title} maxLength={160} required />
        <TextField
          name="slug"
          label={ARTICLE_FIELD_LABELS.slug!}
          hint="Blir en del av adressen, till exempel /spaningar/sammanfattning-maj. Lämna tomt så skapas den från rubriken."
          defaultValue={values.slug}
          error={errors?.slug}
          maxLength={100}
        />
        <TextArea
          name="summary"
          label={ARTICLE_FIELD_LABELS.summary!}
          hint="Ett par meningar som visas i listan."
          defaultValue={values.summary}
          error={errors?.summary}
          rows={3}
        />
        <TextField
          name="authorName"
          label={ARTICLE_FIELD_LABELS.authorName!}
          hint="Namnet som visas på spaningen. Lämna tomt så används ditt namn."
          defaultValue={values.authorName}
          error={errors?.authorName}
        />
        <TagCheckboxes tags={tags} selected={selectedTags} error={errors?.tags} legend="Taggar" />
        <ExtraTagsField label={ARTICLE_FIELD_LABELS.extraTags!} value={values.extraTags} error={errors?.extraTags} />
        <MarkdownBodyField label={ARTICLE_FIELD_LABELS.bodyMd!} hint="Skrivs i Markdown." value={values.bodyMd} error={errors?.bodyMd} />
        <EditorActions submitLabel={submitLabel} />
      </Form>
    </>
  );
}
