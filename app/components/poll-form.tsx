import { Form } from "@remix-run/react";
import { Checkbox, SelectField, SubmitButton, TextArea, TextField } from "~/components/forms";
import { formatDate } from "~/utils/format";
import type { FieldErrors } from "~/utils/forms";

export type RepeatCandidate = { id: string; code: string; question: string; event: { title: string; startsAt: string } };

/** The organizer's form for a poll: question, options one per line, and the choices. */
export function PollForm({
  intent,
  values,
  errors,
  candidates,
  submitLabel,
}: {
  intent: "create" | "update";
  values: Record<string, string | undefined>;
  errors?: FieldErrors;
  candidates: RepeatCandidate[];
  submitLabel: string;
}) {
  return (
    <Form method="post" noValidate>
      <TextField name="question" label="Fråga" defaultValue={values.question} error={errors?.question} maxLength={300} />
      <TextArea
        name="options"
        label="Svarsalternativ"
        hint="Ett alternativ per rad, minst två och högst tolv."
        defaultValue={values.options}
        error={errors?.options}
        rows={5}
      />
      <Checkbox name="multipleChoice" label="Deltagarna får välja flera svar" defaultChecked={values.multipleChoice === "on"} error={errors?.multipleChoice} />
      <Checkbox name="dontKnow" label="Lägg till svaret ”Vet ej” sist" defaultChecked={values.dontKnow === "on"} error={errors?.dontKnow} />
      <Checkbox
        name="allowFreeText"
        label="Deltagarna får också skriva en kommentar"
        hint="Kommentarerna ser bara forumansvariga. De publiceras aldrig."
        defaultChecked={values.allowFreeText === "on"}
        error={errors?.allowFreeText}
      />
      <SelectField
        name="repeatOfId"
        label="Upprepning av en tidigare omröstning (frivilligt)"
        hint="Välj den tidigare omröstningen om samma fråga har ställts förut. Resultatsidan visar då svaren över tid."
        defaultValue={values.repeatOfId ?? ""}
        error={errors?.repeatOfId}
      >
        <option value="">Ingen, en ny omröstning</option>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {formatDate(c.event.startsAt)}: {c.question.length > 90 ? `${c.question.slice(0, 88)}…` : c.question} ({c.code})
          </option>
        ))}
      </SelectField>
      <SubmitButton name="intent" value={intent} pendingText="Sparar…">
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
