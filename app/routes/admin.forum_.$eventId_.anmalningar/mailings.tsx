import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { SavedNotice } from "~/components/admin-feedback";
import { DateTime } from "~/components/date-time";
import { SubmitButton, TextArea, TextField } from "~/components/forms";
import type { FieldErrors } from "~/utils/forms";
import type { loader } from "./route";

/** The registrations page's mailings: the reminder, the invitation to the list and a message to everyone with a seat. */

type LoaderData = SerializeFrom<typeof loader>;

export function Mailings({
  event,
  subscribers,
  invited,
  errors,
  message,
}: {
  event: LoaderData["event"];
  subscribers: number;
  invited: number;
  errors?: FieldErrors;
  message: string | null;
}) {
  return (
    <section className="section" aria-labelledby="utskick">
      <h2 id="utskick">Utskick</h2>
      <SavedNotice message={message} />
      <h3>Påminnelse</h3>
      {event.reminderSentAt ? (
        <p>
          Påminnelsen skickades <DateTime value={event.reminderSentAt} />.
        </p>
      ) : (
        <>
          <p>Skickas automatiskt dagen före forumet. Du kan också skicka den nu; den går bara ut en gång.</p>
          <Form method="post">
            <SubmitButton name="intent" value="reminder" secondary pendingText="Skickar…">
              Skicka påminnelsen nu
            </SubmitButton>
          </Form>
        </>
      )}
      <h3>Inbjudan till listan</h3>
      <p>
        {subscribers} bekräftade prenumeranter. {invited} har fått inbjudan till det här forumet. Varje person får inbjudan en gång, även om du trycker igen.
      </p>
      <Form method="post">
        <SubmitButton name="intent" value="invite" secondary pendingText="Skickar…">
          Skicka inbjudan
        </SubmitButton>
      </Form>
      <h3>Meddelande till alla med plats</h3>
      <Form method="post">
        <input type="hidden" name="intent" value="message" />
        <TextField name="subject" label="Rubrik" error={errors?.subject} maxLength={150} />
        <TextArea name="body" label="Meddelande" error={errors?.body} rows={6} />
        <SubmitButton pendingText="Skickar…">Skicka meddelandet</SubmitButton>
      </Form>
    </section>
  );
}
