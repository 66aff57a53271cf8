import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { SubmitButton, TextField, fieldId } from "~/components/forms";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { ROLE_LABELS } from "~/utils/roles";
import { SUSPENSION_PERIODS } from "~/validation/moderation";
import type { loader } from "./route";

/** The moderation page's section on the post's author: suspend them for a period, or lift a suspension. */

type Author = NonNullable<SerializeFrom<typeof loader>["author"]>;

export function SuspendSection({ author, errors, values }: { author: Author; errors?: FieldErrors; values: FormValues }) {
  return (
    <section className="section" aria-labelledby="avstangning">
      <h2 id="avstangning">Stäng av {author.name}</h2>
      {author.suspendedUntil ? (
        <>
          <p>
            {author.name} är avstängd från att skriva till <DateTime value={author.suspendedUntil} />.
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="userId" value={author.id} />
            <TextField name="suspendReason" label="Motivering för att häva avstängningen" maxLength={500} error={errors?.suspendReason} />
            <SubmitButton secondary name="intent" value="lift" pendingText="Häver…">
              Häv avstängningen
            </SubmitButton>
          </Form>
        </>
      ) : author.canSuspend ? (
        <Form method="post" noValidate>
          <p>En avstängd medlem kan läsa men inte skriva, flagga eller rösta förrän perioden är slut.</p>
          <input type="hidden" name="userId" value={author.id} />
          <fieldset className={`field${errors?.period ? " field--error" : ""}`}>
            <legend>Hur länge?</legend>
            {errors?.period ? (
              <span className="field__error" id={`${fieldId("period")}-error`}>
                <span className="visually-hidden">Fel: </span>
                {errors.period}
              </span>
            ) : null}
            {SUSPENSION_PERIODS.map((p, i) => (
              <div className="choice" key={p.value}>
                <input
                  type="radio"
                  name="period"
                  value={p.value}
                  id={i === 0 ? fieldId("period") : `${fieldId("period")}-${p.value}`}
                  defaultChecked={(values.period ?? "7") === p.value}
                />
                <label htmlFor={i === 0 ? fieldId("period") : `${fieldId("period")}-${p.value}`}>{p.label}</label>
              </div>
            ))}
          </fieldset>
          <TextField
            name="until"
            type="date"
            label="Datum (om du valde ett visst datum)"
            hint="Avstängningen gäller till och med den dagen. Skriv som ÅÅÅÅ-MM-DD."
            defaultValue={values.until}
            error={errors?.until}
          />
          <TextField
            name="suspendReason"
            label="Motivering"
            hint="Sparas i loggen."
            maxLength={500}
            defaultValue={values.suspendReason}
            error={errors?.suspendReason}
          />
          <SubmitButton name="intent" value="suspend" pendingText="Stänger av…">
            Stäng av {author.name}
          </SubmitButton>
        </Form>
      ) : (
        <p>
          {author.name} är {ROLE_LABELS[author.role].toLowerCase()} och kan inte stängas av av dig.
        </p>
      )}
    </section>
  );
}
