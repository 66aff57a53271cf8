import { useNavigation } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useEffect, useRef } from "react";
import type { FieldErrors } from "~/utils/forms";

/**
 * Form components, each in one place: the error summary, a text field with
 * label/hint/error, a textarea, a checkbox, a select and a submit button with a
 * pending state. Ids follow the field name so the summary can link to them.
 */
export const fieldId = (name: string) => `falt-${name}`;

export function ErrorSummary({ errors, labels }: { errors?: FieldErrors; labels?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {});
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [entries.length, errors]);
  if (!entries.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="felsammanfattning" tabIndex={-1} ref={ref}>
      <h2 id="felsammanfattning">Det finns {entries.length === 1 ? "ett fel" : `${entries.length} fel`} i formuläret</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={name === "form" ? "#" : `#${fieldId(name)}`}>
              {labels?.[name] ? `${labels[name]}: ` : ""}
              {message}
            </a>
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
};

function describedBy(name: string, hint?: ReactNode, error?: string) {
  return [hint ? `${fieldId(name)}-hint` : "", error ? `${fieldId(name)}-error` : ""].filter(Boolean).join(" ") || undefined;
}

function FieldMessages({ name, hint, error }: Omit<FieldProps, "label">) {
  return (
    <>
      {hint ? (
        <span className="field__hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field__error" id={`${fieldId(name)}-error`}>
          <span className="visually-hidden">Fel: </span>
          {error}
        </span>
      ) : null}
    </>
  );
}

export function TextField({ name, label, hint, error, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={fieldId(name)}>{label}</label>
      <FieldMessages name={name} hint={hint} error={error} />
      <input
        id={fieldId(name)}
        name={name}
        type="text"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...input}
      />
    </div>
  );
}

export function TextArea({ name, label, hint, error, ...textarea }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={fieldId(name)}>{label}</label>
      <FieldMessages name={name} hint={hint} error={error} />
      <textarea
        id={fieldId(name)}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...textarea}
      />
    </div>
  );
}

export function SelectField({
  name,
  label,
  hint,
  error,
  children,
  defaultValue,
  required,
}: FieldProps & { children: ReactNode; defaultValue?: string; required?: boolean }) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={fieldId(name)}>{label}</label>
      <FieldMessages name={name} hint={hint} error={error} />
      <select
        id={fieldId(name)}
        name={name}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
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
  defaultChecked,
  value = "on",
}: FieldProps & { defaultChecked?: boolean; value?: string }) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <FieldMessages name={name} error={error} />
      <div className="choice">
        <input
          type="checkbox"
          id={fieldId(name)}
          name={name}
          value={value}
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(name, hint, error)}
        />
        <label htmlFor={fieldId(name)}>{label}</label>
      </div>
      {hint ? (
        <span className="field__hint" id={`${fieldId(name)}-hint`}>
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
      name={name}
      value={value}
    >
      {pending ? pendingText : children}
    </button>
  );
}
