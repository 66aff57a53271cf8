import { useFormDraft } from "~/components/form-draft";
import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/utils/forms";
import { formatDate } from "~/utils/format";
import { EditorActions, ExtraTagsField, MarkdownBodyField, TagCheckboxes } from "./editor-fields";
import { ErrorSummary, SelectField, TextArea, TextField } from "./forms";

/**
 * The case editor used by organizers (/admin/case) and by a case's assigned editor
 * (/profil/case). A plain form: "Förhandsgranska" posts intent=preview and the server
 * renders the Markdown with the same pipeline as the public page.
 */
export const CASE_FIELD_LABELS: Record<string, string> = {
  title: "Rubrik",
  slug: "Adress (slug)",
  summary: "Sammanfattning",
  bodyMd: "Text",
  domain: "Verksamhet",
  technologies: "Teknik",
  contactName: "Kontaktpersonens namn",
  contactTitle: "Kontaktpersonens titel",
  contactEmail: "Kontaktpersonens e-postadress",
  municipalityCode: "Kommun",
  organisationId: "Organisation",
  eventId: "Forum",
  tags: "Områden",
  extraTags: "Fler taggar",
};

export type CaseFormOptions = {
  tags: Array<{ slug: string; name: string; kind: string }>;
  municipalities: Array<{ code: string; name: string; countyName: string }>;
  organisations: Array<{ id: string; name: string }>;
  events: Array<{ id: string; title: string; startsAt: string | Date | null }>;
};

export function CaseForm({
  values,
  selectedTags,
  errors,
  options,
  canEditSlug,
  submitLabel = "Spara",
}: {
  values: Record<string, string | undefined>;
  selectedTags: string[];
  errors?: FieldErrors;
  options: CaseFormOptions;
  canEditSlug: boolean;
  submitLabel?: string;
}) {
  const draft = useFormDraft("case");
  return (
    <>
      <ErrorSummary errors={errors} labels={CASE_FIELD_LABELS} />
      {draft.notice}
      <Form method="post" noValidate ref={draft.ref}>
        <TextField name="title" label={CASE_FIELD_LABELS.title!} defaultValue={values.title} error={errors?.title} maxLength={160} required />
        {canEditSlug ? (
          <TextField
            name="slug"
            label={CASE_FIELD_LABELS.slug!}
            hint="Blir en del av adressen, till exempel /case/borlange-bi. Lämna tomt så skapas den från rubriken."
            defaultValue={values.slug}
            error={errors?.slug}
            maxLength={100}
          />
        ) : null}
        <TextArea
          name="summary"
          label={CASE_FIELD_LABELS.summary!}
          hint="Ett par meningar som visas i listan och överst på sidan."
          defaultValue={values.summary}
          error={errors?.summary}
          rows={3}
        />
        <SelectField
          name="municipalityCode"
          label={CASE_FIELD_LABELS.municipalityCode!}
          defaultValue={values.municipalityCode ?? ""}
          error={errors?.municipalityCode}
        >
          <option value="">Ingen kommun</option>
          {options.municipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name} ({m.countyName})
            </option>
          ))}
        </SelectField>
        <SelectField
          name="organisationId"
          label={CASE_FIELD_LABELS.organisationId!}
          hint="Bara för case som inte hör till en kommun, till exempel en region."
          defaultValue={values.organisationId ?? ""}
          error={errors?.organisationId}
        >
          <option value="">Ingen organisation</option>
          {options.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <TagCheckboxes tags={options.tags} selected={selectedTags} error={errors?.tags} />
        <ExtraTagsField label={CASE_FIELD_LABELS.extraTags!} value={values.extraTags} error={errors?.extraTags} />
        <TextField
          name="domain"
          label={CASE_FIELD_LABELS.domain!}
          hint="Till exempel VA, skola, socialtjänst, ekonomi eller samhällsbyggnad."
          defaultValue={values.domain}
          error={errors?.domain}
        />
        <TextField
          name="technologies"
          label={CASE_FIELD_LABELS.technologies!}
          hint="Åtskilda med kommatecken, till exempel Power BI, LoRaWAN."
          defaultValue={values.technologies}
          error={errors?.technologies}
        />
        <MarkdownBodyField
          label={CASE_FIELD_LABELS.bodyMd!}
          hint="Skrivs i Markdown. Rubriker med ## blir innehållsförteckningen på sidan."
          value={values.bodyMd}
          error={errors?.bodyMd}
        />
        <TextField name="contactName" label={CASE_FIELD_LABELS.contactName!} defaultValue={values.contactName} error={errors?.contactName} autoComplete="off" />
        <TextField
          name="contactTitle"
          label={CASE_FIELD_LABELS.contactTitle!}
          defaultValue={values.contactTitle}
          error={errors?.contactTitle}
          autoComplete="off"
        />
        <TextField
          name="contactEmail"
          label={CASE_FIELD_LABELS.contactEmail!}
          type="email"
          hint="Visas bara för inloggade medlemmar. Frågor om caset mejlas hit."
          defaultValue={values.contactEmail}
          error={errors?.contactEmail}
          autoComplete="off"
        />
        <SelectField
          name="eventId"
          label={CASE_FIELD_LABELS.eventId!}
          hint="Forumet där caset presenterades, om det finns ett."
          defaultValue={values.eventId ?? ""}
          error={errors?.eventId}
        >
          <option value="">Inget forum</option>
          {options.events.map((e) => (
            <option key={e.id} value={e.id}>
              {e.startsAt ? `${e.title} (${formatDate(e.startsAt)})` : e.title}
            </option>
          ))}
        </SelectField>
        <EditorActions submitLabel={submitLabel} />
      </Form>
    </>
  );
}

type CaseContent = {
  title: string;
  slug: string;
  summary: string;
  bodyMd: string;
  domain: string;
  technologies: string;
  contactName: string;
  contactTitle: string;
  contactEmail: string;
  municipalityCode: string | null;
  organisationId: string | null;
  eventId: string | null;
};

/** The form's starting values from a stored case. */
export function caseFormValues(item: CaseContent): Record<string, string> {
  return {
    title: item.title,
    slug: item.slug,
    summary: item.summary,
    bodyMd: item.bodyMd,
    domain: item.domain,
    technologies: item.technologies,
    contactName: item.contactName,
    contactTitle: item.contactTitle,
    contactEmail: item.contactEmail,
    municipalityCode: item.municipalityCode ?? "",
    organisationId: item.organisationId ?? "",
    eventId: item.eventId ?? "",
    extraTags: "",
  };
}
