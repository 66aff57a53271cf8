import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { SubmitButton } from "~/components/forms";
import type { action, loader } from "./route";

/**
 * The reminder as a schedule the organizer can see: when the scheduled one goes
 * (24 hours before the start), or when it went and to how many (people who
 * register later get it on the job's next run), and an early send that asks
 * first with the number of recipients and leaves the scheduled one in place.
 */

type LoaderData = SerializeFrom<typeof loader>;
type Result = SerializeFrom<typeof action> | undefined;

const people = (n: number) => (n === 1 ? "1 deltagare" : `${n} deltagare`);

export function ReminderSchedule({ reminder, started, result }: { reminder: LoaderData["reminder"]; started: boolean; result: Result }) {
  const confirm = result?.ok && "confirmReminder" in result ? result.confirmReminder : null;
  return (
    <>
      <h3>Påminnelse</h3>
      <p id="paminnelse-schema">
        {reminder.sentAt ? (
          <>
            Påminnelsen skickades <DateTime value={reminder.sentAt} />, {people(reminder.received)} har fått den.
            {started ? null : " Den som anmäler sig senare får den inom tio minuter."}
          </>
        ) : started ? (
          "Forumet har börjat, så ingen påminnelse skickas."
        ) : (
          <>
            Påminnelsen skickas automatiskt <DateTime value={reminder.scheduledFor} /> (24 timmar före start).
          </>
        )}
        {reminder.early ? ` ${people(reminder.early)} har fått en påminnelse i förväg.` : null}
      </p>
      {started ? null : (
        <Form method="post">
          <SubmitButton name="intent" value="reminder" secondary pendingText="Räknar mottagare…">
            Skicka en påminnelse nu …
          </SubmitButton>
        </Form>
      )}
      {confirm ? (
        <div className="confirm-action__body" role="alert">
          {confirm.count ? (
            <>
              <p>
                <strong>Skicka påminnelse nu till {people(confirm.count)}?</strong> Den schemalagda påminnelsen skickas ändå.
              </p>
              <Form method="post">
                <input type="hidden" name="confirmed" value="ja" />
                <SubmitButton name="intent" value="reminder" pendingText="Skickar…">
                  {`Ja, skicka till ${people(confirm.count)}`}
                </SubmitButton>
              </Form>
            </>
          ) : (
            <p>Alla med plats har redan fått en påminnelse i förväg, eller så har ingen plats än.</p>
          )}
        </div>
      ) : null}
    </>
  );
}
