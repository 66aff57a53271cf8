import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { ConfirmAction, SavedNotice } from "~/components/admin-feedback";
import { SubmitButton, TextField } from "~/components/forms";
import { formatFileSize } from "~/utils/format";
import { failureOf } from "~/utils/forms";
import { formatTimestamp } from "~/utils/video";
import type { action, loader } from "./route";

/** The recording page's chapters and materials: their lists, delete buttons and add forms. */

type Recording = NonNullable<SerializeFrom<typeof loader>["event"]["recording"]>;
type ActionData = SerializeFrom<typeof action> | undefined;

export function ChaptersSection({ chapters, actionData, saved }: { chapters: Recording["chapters"]; actionData: ActionData; saved: string | null }) {
  const errorsFor = (intent: string) => failureOf(actionData, intent)?.errors;
  const valuesFor = (intent: string) => failureOf(actionData, intent)?.values ?? {};
  return (
    <section className="section" aria-labelledby="kapitel">
      <h2 id="kapitel">Kapitel</h2>
      <SavedNotice
        message={
          saved === "kapitel"
            ? "Kapitlet är tillagt."
            : saved === "kapitel-andrat"
              ? "Kapitlet är ändrat."
              : saved === "kapitel-borttaget"
                ? "Kapitlet är borttaget."
                : null
        }
      />
      {chapters.length ? (
        <ol className="admin-rows">
          {chapters.map((chapter) => (
            <li key={chapter.id} className="inline-form">
              <span>
                <strong>{formatTimestamp(chapter.startSeconds)}</strong> {chapter.title}
              </span>
              <ChapterEdit chapter={chapter} actionData={actionData} />
              <ConfirmAction
                summary={
                  <>
                    Ta bort<span className="visually-hidden"> kapitlet {chapter.title}</span>
                  </>
                }
                intent="chapter-delete"
                fields={{ id: chapter.id }}
                confirmLabel="Ja, ta bort kapitlet"
              >
                <p>Kapitlet ”{chapter.title}” försvinner från inspelningens kapitellista.</p>
              </ConfirmAction>
            </li>
          ))}
        </ol>
      ) : (
        <p>Inga kapitel än.</p>
      )}
      <h3>Lägg till ett kapitel</h3>
      <Form method="post" noValidate key={`ny-${chapters.length}`}>
        <TextField
          name="chapterTime"
          label="Börjar vid"
          hint="mm:ss eller tt:mm:ss från videons början, till exempel 12:30."
          defaultValue={valuesFor("chapter-add").chapterTime}
          error={errorsFor("chapter-add")?.chapterTime}
        />
        <TextField
          name="chapterTitle"
          label="Kapitlets namn"
          defaultValue={valuesFor("chapter-add").chapterTitle}
          error={errorsFor("chapter-add")?.chapterTitle}
          maxLength={200}
        />
        <SubmitButton name="intent" value="chapter-add" pendingText="Lägger till…">
          Lägg till kapitlet
        </SubmitButton>
      </Form>
    </section>
  );
}

/** Edit form for one chapter, folded away; open again with the errors when saving it failed (works without JavaScript). */
function ChapterEdit({ chapter, actionData }: { chapter: Recording["chapters"][number]; actionData: ActionData }) {
  const failure = failureOf(actionData, "chapter-edit");
  const mine = failure && "target" in failure && failure.target === chapter.id ? failure : undefined;
  const idFor = (name: string) => `${name}-${chapter.id}`;
  return (
    <details open={mine ? true : undefined}>
      <summary>
        Ändra<span className="visually-hidden"> kapitlet {chapter.title}</span>
      </summary>
      <Form method="post" noValidate>
        <input type="hidden" name="id" value={chapter.id} />
        <TextField
          id={idFor("chapterTime")}
          name="chapterTime"
          label="Börjar vid"
          hint="mm:ss eller tt:mm:ss, till exempel 12:30."
          defaultValue={mine?.values.chapterTime ?? formatTimestamp(chapter.startSeconds)}
          error={mine?.errors.chapterTime ?? mine?.errors.form}
        />
        <TextField
          id={idFor("chapterTitle")}
          name="chapterTitle"
          label="Kapitlets namn"
          defaultValue={mine?.values.chapterTitle ?? chapter.title}
          error={mine?.errors.chapterTitle}
          maxLength={200}
        />
        <SubmitButton name="intent" value="chapter-edit" pendingText="Sparar…">
          Spara kapitlet
        </SubmitButton>
      </Form>
    </details>
  );
}

export function MaterialsSection({ materials, actionData, saved }: { materials: Recording["materials"]; actionData: ActionData; saved: string | null }) {
  const errorsFor = (intent: string) => failureOf(actionData, intent)?.errors;
  const valuesFor = (intent: string) => failureOf(actionData, intent)?.values ?? {};
  return (
    <section className="section" aria-labelledby="material">
      <h2 id="material">Material</h2>
      <SavedNotice message={saved === "material" ? "Materialet är tillagt." : saved === "material-borttaget" ? "Materialet är borttaget." : null} />
      {materials.length ? (
        <ul className="admin-rows">
          {materials.map((m) => (
            <li key={m.id} className="inline-form">
              <span>
                {m.kind === "file" ? (
                  <a href={`/material/${m.id}`}>{m.title}</a>
                ) : (
                  <a href={m.url ?? "#"} rel="noopener noreferrer">
                    {m.title}
                  </a>
                )}{" "}
                <span className="muted">
                  {m.kind === "file" ? `(${m.mimeType === "application/pdf" ? "PDF" : "PowerPoint"}, ${formatFileSize(m.sizeBytes ?? 0)})` : "(länk)"}
                </span>
              </span>
              <ConfirmAction
                summary={
                  <>
                    Ta bort<span className="visually-hidden"> {m.title}</span>
                  </>
                }
                intent="material-delete"
                fields={{ id: m.id }}
                confirmLabel="Ja, ta bort materialet"
              >
                <p>
                  ”{m.title}” försvinner från forumets sida{m.kind === "file" ? ", och filen raderas" : ""}. Det går inte att ångra.
                </p>
              </ConfirmAction>
            </li>
          ))}
        </ul>
      ) : (
        <p>Inget material än.</p>
      )}

      <h3>Ladda upp bilder</h3>
      <Form method="post" encType="multipart/form-data" noValidate key={`fil-${materials.length}`}>
        <TextField
          name="fileTitle"
          label="Namn"
          hint="Till exempel Borlänges presentation."
          defaultValue={valuesFor("material-file").fileTitle}
          error={errorsFor("material-file")?.fileTitle}
          maxLength={200}
        />
        <TextField
          name="materialFile"
          label="Fil"
          type="file"
          hint="PDF eller PowerPoint (.pptx), högst 20 MB."
          error={errorsFor("material-file")?.materialFile}
          accept=".pdf,.pptx,application/pdf,application/vnd.openxmlformats-officedocument.presentationml.presentation"
        />
        <SubmitButton name="intent" value="material-file" pendingText="Laddar upp…">
          Ladda upp filen
        </SubmitButton>
      </Form>

      <h3>Lägg till en länk</h3>
      <Form method="post" noValidate key={`lank-${materials.length}`}>
        <TextField
          name="materialTitle"
          label="Namn"
          defaultValue={valuesFor("material-link").materialTitle}
          error={errorsFor("material-link")?.materialTitle}
          maxLength={200}
        />
        <TextField
          name="materialUrl"
          label="Länk"
          type="url"
          hint="Måste börja med https://."
          defaultValue={valuesFor("material-link").materialUrl}
          error={errorsFor("material-link")?.materialUrl}
        />
        <SubmitButton name="intent" value="material-link" pendingText="Lägger till…">
          Lägg till länken
        </SubmitButton>
      </Form>
    </section>
  );
}
