import { Form, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useEffect, useRef } from "react";
import { SubmitButton } from "~/components/forms";

/**
 * The organizer's feedback and safeguards, each in one place: a success message
 * shown beside the action that caused it, and a confirmation step before an
 * action that cannot be undone. (An add-form empties after a save through a
 * React key made of what the save changes, such as the number of rows: a failed
 * save keeps what was typed.)
 */

/** A success message where the eye is (the section of the action); it takes focus so it is read out. */
export function SavedNotice({ message }: { message?: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message, location.key]);
  if (!message) return null;
  return (
    <div className="notice notice--success" role="status" tabIndex={-1} ref={ref}>
      <p>{message}</p>
    </div>
  );
}

/**
 * A destructive action behind a disclosure: the first click opens it and says
 * what will follow, the button inside does it. Works without JavaScript.
 * `fields` are the hidden inputs the action needs (the row's id and the like).
 */
export function ConfirmAction({
  summary,
  children,
  confirmLabel,
  intent,
  fields = {},
  action,
}: {
  summary: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  intent: string;
  fields?: Record<string, string>;
  action?: string;
}) {
  return (
    <details className="confirm-action">
      <summary className="button button--secondary button--small">{summary}</summary>
      <div className="confirm-action__body">
        {children}
        <Form method="post" action={action}>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="confirmed" value="ja" />
          <SubmitButton name="intent" value={intent} pendingText="Sparar…">
            {confirmLabel}
          </SubmitButton>
        </Form>
      </div>
    </details>
  );
}
