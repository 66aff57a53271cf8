import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { SavedNotice } from "~/components/admin-feedback";
import { SubmitButton, TextArea, TextField } from "~/components/forms";
import { failureOf } from "~/utils/forms";
import { ReminderSchedule } from "./reminder-schedule";
import type { action, loader } from "./route";

/**
 * The registrations page's mailings: the reminder schedule (reminder-schedule.tsx), the invitation to the list,
 * and a message to everyone with a seat that cannot go wrong: a preview of the
 * real mail right under its button, a test to the organizer's own address, and
 * "Skicka till 26 deltagare?" before anything goes out. Works without JavaScript.
 */

type LoaderData = SerializeFrom<typeof loader>;
type Result = SerializeFrom<typeof action> | undefined;

export function Mailings({
  reminder,
  started,
  subscribers,
  invited,
  result,
  draft,
}: {
  reminder: LoaderData["reminder"];
  started: boolean;
  subscribers: number;
  invited: number;
  result: Result;
  draft: LoaderData["draft"];
}) {
  const failure = failureOf(result, "message", "message-preview", "message-test");
  const ok = result?.ok && result.intent.startsWith("message") ? result : null;
  const values: Record<string, string | undefined> = (ok && "values" in ok ? ok.values : failure?.values) ?? draft ?? {};
  const preview = ok && "preview" in ok ? ok.preview : null;
  const confirmSend = ok && "confirmSend" in ok ? ok.confirmSend : null;
  const notice = ok && "message" in ok ? ok.message : null;
  const otherNotice = result?.ok && (result.intent === "reminder" || result.intent === "invite") && "message" in result ? result.message : null;
  // A sent message empties the form; a preview, a test or the question keep the text.
  const sent = ok?.intent === "message" && !confirmSend;
  return (
    <section className="section" aria-labelledby="utskick">
      <h2 id="utskick">Utskick</h2>
      <SavedNotice message={otherNotice} />
      <ReminderSchedule reminder={reminder} started={started} result={result} />
      <h3>Inbjudan till listan</h3>
      <p>
        {subscribers} bekräftade prenumeranter. {invited} har fått inbjudan till det här forumet. Varje person får inbjudan en gång, även om du trycker igen.
      </p>
      <Form method="post">
        <SubmitButton name="intent" value="invite" secondary pendingText="Skickar…">
          Skicka inbjudan
        </SubmitButton>
      </Form>

      <h3 id="meddelande">Meddelande till alla med plats</h3>
      <p>Mejlet börjar med ”Hej” och personens namn, om inte din text börjar med en egen hälsning. Svar på mejlet går till forumansvarig.</p>
      <Form method="post" noValidate key={sent ? `skickat-${notice}` : "meddelande"}>
        {values.topic && !sent ? <input type="hidden" name="topic" value={values.topic} /> : null}
        <TextField name="subject" label="Rubrik" error={failure?.errors.subject} maxLength={150} defaultValue={sent ? "" : values.subject} />
        <TextArea name="body" label="Meddelande" error={failure?.errors.body} rows={6} defaultValue={sent ? "" : values.body} />
        <div className="button-row">
          <SubmitButton secondary name="intent" value="message-preview" pendingText="Förbereder…">
            Förhandsgranska
          </SubmitButton>
          <SubmitButton secondary name="intent" value="message-test" pendingText="Skickar test…">
            Skicka ett test till mig
          </SubmitButton>
          <SubmitButton name="intent" value="message" pendingText="Räknar mottagare…">
            Skicka till alla med plats …
          </SubmitButton>
        </div>
      </Form>
      <SavedNotice message={notice} />
      {confirmSend ? (
        <div className="confirm-action__body" role="alert">
          {confirmSend.count ? (
            <>
              <p>
                <strong>Skicka till {confirmSend.count === 1 ? "1 deltagare" : `${confirmSend.count} deltagare`}?</strong> Mejlet går inte att ta tillbaka.
              </p>
              <Form method="post">
                <input type="hidden" name="subject" value={values.subject ?? ""} />
                <input type="hidden" name="body" value={values.body ?? ""} />
                <input type="hidden" name="confirmed" value="ja" />
                {values.topic ? <input type="hidden" name="topic" value={values.topic} /> : null}
                <SubmitButton name="intent" value="message" pendingText="Skickar…">
                  {`Ja, skicka till ${confirmSend.count} deltagare`}
                </SubmitButton>
              </Form>
            </>
          ) : (
            <p>Ingen har en plats än, så det finns ingen att skicka till.</p>
          )}
        </div>
      ) : null}
      {preview ? (
        <section className="preview" aria-labelledby="forhandsgranskning">
          <h4 id="forhandsgranskning">Förhandsgranskning: så här ser mejlet ut</h4>
          <p>
            <strong>Ämne:</strong> {preview.subject}
          </p>
          <pre className="mail-text">{preview.text}</pre>
        </section>
      ) : null}
    </section>
  );
}
