import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";

/** The state changes allowed from the current state, one small form each (they work without JavaScript). */
export function PollStateButtons({ state, action, back }: { state: string; action?: string; back?: "presenter" }) {
  const buttons: Array<{ intent: string; label: string; secondary?: boolean; text: string }> = [];
  if (state === "draft") buttons.push({ intent: "open", label: "Öppna för röster", text: "Omröstningen är ett utkast. Ingen kan rösta än." });
  if (state === "open") buttons.push({ intent: "close", label: "Stäng omröstningen", text: "Omröstningen tar emot röster." });
  if (state === "closed") {
    buttons.push({ intent: "publish", label: "Publicera resultatet", text: "Omröstningen är stängd. Publicera resultatet när ni har pratat om det." });
    buttons.push({ intent: "reopen", label: "Öppna igen", secondary: true, text: "" });
  }
  if (state === "published") buttons.push({ intent: "unpublish", label: "Avpublicera resultatet", secondary: true, text: "Resultatet är publicerat." });
  return (
    <>
      {buttons.map((b) => (
        <Form method="post" key={b.intent} className="poll-state-form" action={action}>
          {b.text ? <p>{b.text}</p> : null}
          {back ? <input type="hidden" name="back" value={back} /> : null}
          <SubmitButton secondary={b.secondary} name="intent" value={b.intent} pendingText="Sparar…">
            {b.label}
          </SubmitButton>
        </Form>
      ))}
    </>
  );
}
