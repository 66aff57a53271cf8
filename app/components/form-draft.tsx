import { useBeforeUnload, useBlocker, useLocation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Drafts that are never lost, for the organizer's long editors (case, article,
 * forum, message): what is typed is kept in the browser (localStorage, per page)
 * until the form is sent, offered back after an accidental navigation or a
 * closed tab, and leaving the page with unsaved changes asks first. Without
 * JavaScript the form works as before, only without the safety net.
 */

type Draft = { savedAt: string; fields: [string, string][] };

const SKIPPED = new Set(["hidden", "file", "password", "submit", "button"]);

function fieldsOf(form: HTMLFormElement): [string, string][] {
  const out: [string, string][] = [];
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) || !el.name) continue;
    if (el instanceof HTMLInputElement && SKIPPED.has(el.type)) continue;
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
      if (el.checked) out.push([el.name, el.value]);
      continue;
    }
    out.push([el.name, el.value]);
  }
  return out;
}

function restore(form: HTMLFormElement, fields: [string, string][]) {
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) || !el.name) continue;
    if (el instanceof HTMLInputElement && SKIPPED.has(el.type)) continue;
    const values = fields.filter(([name]) => name === el.name).map(([, value]) => value);
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) el.checked = values.includes(el.value);
    else if (values.length) el.value = values[0]!;
  }
}

const read = (key: string): Draft | null => {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
};

export function useFormDraft(name: string) {
  const location = useLocation();
  const key = `utkast:${location.pathname}:${name}`;
  const ref = useRef<HTMLFormElement>(null);
  const [dirty, setDirty] = useState(false);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);

  useEffect(() => {
    const form = ref.current;
    if (!form) return;
    const draft = read(key);
    if (draft && JSON.stringify(draft.fields) !== JSON.stringify(fieldsOf(form))) {
      restore(form, draft.fields);
      setRestoredAt(draft.savedAt);
      setDirty(true);
    }
    const save = () => {
      try {
        window.localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), fields: fieldsOf(form) } satisfies Draft));
      } catch {
        // A full or closed storage only loses the safety net.
      }
      setDirty(true);
    };
    const sent = () => {
      window.localStorage.removeItem(key);
      setDirty(false);
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", sent);
    return () => {
      form.removeEventListener("input", save);
      form.removeEventListener("change", save);
      form.removeEventListener("submit", sent);
    };
  }, [key]);

  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!dirty) return;
        event.preventDefault();
        event.returnValue = "";
      },
      [dirty],
    ),
  );
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    // The draft is kept either way; the question only stops a click that was a mistake.
    if (window.confirm("Du har ändringar som inte är sparade. De finns kvar som utkast i den här webbläsaren. Vill du lämna sidan?")) blocker.proceed();
    else blocker.reset();
  }, [blocker]);

  const discard = () => {
    window.localStorage.removeItem(key);
    setRestoredAt(null);
    setDirty(false);
    window.location.reload();
  };

  const notice: ReactNode = restoredAt ? (
    <div className="notice" role="status">
      <p>
        Vi har tagit fram texten du skrev{" "}
        {new Date(restoredAt).toLocaleString("sv-SE", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Stockholm" })} men inte sparade. Spara för att
        behålla den.{" "}
        <button type="button" className="link-button" onClick={discard}>
          Släng utkastet
        </button>
      </p>
    </div>
  ) : null;
  return { ref, notice };
}
