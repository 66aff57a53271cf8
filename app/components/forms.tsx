import { useNavigation } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useEffect, useRef } from "react";
import type { FieldErrors } from "~/utils/forms";

/**
 * Form components, each in one place: the error summary, a text field with
 * label/hint/error, a textarea, a checkbox, a select and a submit button with a
 * pending state. Ids follow the field name so the summary can link to them; a
 * field that stands more than once on a page (one per row) gets its own `id`.
 */
export const fieldId = (name: string) => `falt-${name}`;

/**
 * The element a summary link points to, brought into view GOV.UK's way: the
 * field's label (or its group's legend) scrolled to the top, then focus on the
 * field. Done in script because following the `#id` would be a navigation, and a
 * navigation drops the action's answer: the summary and every inline error.
 */
export function focusField(id: string): boolean {
  const target = document.getElementById(id);
  if (!target) return false;
  const control = target.matches("input, select, textarea, button")
    ? target
    : (target.querySelector<HTMLElement>("input:checked, input, select, textarea") ?? target);
  const caption = control.closest("fieldset")?.querySelector("legend") ?? document.querySelector(`label[for="${control.id}"]`) ?? control;
  caption.scrollIntoView({ block: "start" });
  control.focus({ preventScroll: true });
  return true;
}

/**
 * Every error of a form at the top, in field order, each a link to its field.
 * Each names its field: by its message ("Skriv din e-postadress."), or, where a
 * message alone does not ("Välj ett värde."), by the field's label from `labels`.
 * A `form` error (a refusal of the whole form) is plain text.
 * The box takes focus when errors arrive and stays when a link is used.
 */
export function ErrorSummary({ errors, labels }: { errors?: FieldErrors; labels?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {});
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [entries.length, errors]);
  if (!entries.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="felsammanfattning" tabIndex={-1} ref={ref} data-takes-focus="">
      <h2 id="felsammanfattning">Det finns {entries.length === 1 ? "ett fel" : `${entries.length} fel`} i formuläret</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li key={name}>
            {name === "form" ? (
              message
            ) : (
              <a
                href={`#${fieldId(name)}`}
                onClick={(event) => {
                  if (focusField(fieldId(name))) event.preventDefault();
                }}
              >
                {labels?.[name] ? `${labels[name]}: ` : ""}
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  /** The element's id when the name is not unique on the page (default fieldId(name)). */
  id?: string;
  /** Announce the error at once: for a form without an error summary. */
  alert?: boolean;
};

function describedBy(id: string, hint?: ReactNode, error?: string) {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

function FieldMessages({ id, hint, error, alert }: { id: string; hint?: ReactNode; error?: string; alert?: boolean }) {
  return (
    <>
      {hint ? (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field__error" id={`${id}-error`} role={alert ? "alert" : undefined}>
          <span className="visually-hidden">Fel: </span>
          {error}
        </span>
      ) : null}
    </>
  );
}

export function TextField({ name, label, hint, error, id = fieldId(name), alert, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} alert={alert} />
      <input id={id} name={name} type="text" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
    </div>
  );
}

export function TextArea({ name, label, hint, error, id = fieldId(name), alert, ...textarea }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} alert={alert} />
      <textarea id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...textarea} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  hint,
  error,
  id = fieldId(name),
  alert,
  children,
  defaultValue,
  required,
}: FieldProps & { children: ReactNode; defaultValue?: string; required?: boolean }) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} alert={alert} />
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {children}
      </select>
    </div>
  );
}

export function Checkbox({
  name,
  label,
  hint,
  error,
  id = fieldId(name),
  alert,
  defaultChecked,
  value = "on",
}: FieldProps & { defaultChecked?: boolean; value?: string }) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <FieldMessages id={id} error={error} alert={alert} />
      <div className="choice">
        <input
          type="checkbox"
          id={id}
          name={name}
          value={value}
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** A hidden field that people never fill in; bots often do. */
export function Honeypot() {
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label htmlFor="falt-webbplats">Lämna tomt</label>
      <input id="falt-webbplats" name="webbplats" type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}

export function SubmitButton({
  children,
  pendingText = "Skickar…",
  secondary = false,
  name,
  value,
}: {
  children: ReactNode;
  pendingText?: string;
  secondary?: boolean;
  name?: string;
  value?: string;
}) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && (!name || navigation.formData?.get(name) === value);
  return (
    <button
      type="submit"
      className={`button${secondary ? " button--secondary" : ""}`}
      aria-disabled={pending || undefined}
      // A second click while the first is on its way would send the form twice.
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
      name={name}
      value={value}
    >
      {pending ? pendingText : children}
    </button>
  );
}
