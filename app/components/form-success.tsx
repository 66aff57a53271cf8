import { useActionData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useEffect, useRef, useState } from "react";
import { failureOf } from "~/utils/forms";

/**
 * What a form does after a successful send, the same with and without JavaScript:
 * the form is empty again and focus is on the confirmation. Without JavaScript the
 * redirect after the POST gives both (a fresh page, the confirmation as its
 * `#bekraftelse`). With JavaScript the page stays mounted and its fields would keep
 * what was typed, so:
 *
 *   const sent = useSentKey("add");            // the form's intent, if the page has several
 *   <Form key={sent} method="post">…</Form>    // a new key mounts the form afresh, empty
 *   {done ? <Confirmation focusKey={sent}>Tack!</Confirmation> : null}
 */

/** A number that grows each time a submission (of `intent`, when given) ends without a failure. */
export function useSentKey(intent?: string): number {
  const navigation = useNavigation();
  const actionData = useActionData();
  const [key, setKey] = useState(0);
  const ours = useRef(false);
  if (navigation.state === "submitting") {
    ours.current = intent === undefined || navigation.formData?.get("intent") === intent;
  }
  const failed = failureOf(actionData) !== undefined;
  useEffect(() => {
    if (navigation.state !== "idle" || !ours.current) return;
    ours.current = false;
    if (!failed) setKey((k) => k + 1);
  }, [navigation.state, failed]);
  return key;
}

/** The id a success redirect points at (`…?skickat=1#bekraftelse`), so that without JavaScript the browser brings it into view. */
export const CONFIRMATION_ID = "bekraftelse";

/**
 * A success message that takes focus when it appears, and again when `focusKey`
 * changes (the same form sent once more). Screen readers read it; it keeps
 * the focus that the root would otherwise move to the page's heading.
 */
export function Confirmation({ children, focusKey, id = CONFIRMATION_ID }: { children: ReactNode; focusKey?: number | string; id?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);
  return (
    <div className="notice notice--success" role="status" id={id} tabIndex={-1} ref={ref} data-takes-focus="">
      {children}
    </div>
  );
}
