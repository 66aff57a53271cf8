import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { Checkbox, ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { addChapter, addMaterial, deleteChapter, deleteMaterial, getRecordingForEdit, saveRecording, updateChapter } from "~/models/recording.server";
import { requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { failureOf, formValues, parseForm } from "~/utils/forms";
import { pageMeta } from "~/utils/meta";
import { checkMaterialFile, readMultipartForm, removeUpload, storeUpload } from "~/utils/upload.server";
import { formatTimestamp } from "~/utils/video";
import { chapterEditSchema, chapterSchema, materialFileTitleSchema, materialLinkSchema, recordingSchema, rowSchema } from "~/validation/event";
import { ADMIN_EVENTS_HREF, adminEventHref, adminRecordingHref, adminRecordingNoticeHref, eventHref } from "~/utils/links";
import { badRequest, requireParam } from "~/utils/http.server";
import { ChaptersSection, MaterialsSection } from "./parts";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(`Inspelning: ${data.event.title}`, "Lägg till eller ändra inspelningen, kapitlen och materialet.")
    : pageMeta("Forumet finns inte", "Vi hittade inget forum.");

async function loadEvent(params: LoaderFunctionArgs["params"]) {
  const event = await getRecordingForEdit(requireParam(params, "eventId", "cuid", "Forumet finns inte"));
  if (!event) throw new Response("Forumet finns inte", { status: 404 });
  return event;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const event = await loadEvent(params);
  return json({ event, isPast: event.endsAt < new Date() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const event = await loadEvent(params);
  const base = adminRecordingHref(event.id);

  // Only the file upload is multipart; it is read with a 20 MB limit per part.
  if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const intent = "material-file";
    const read = await readMultipartForm(request);
    if (!read.ok) return badRequest({ materialFile: read.message }, {}, { intent });
    const formData = read.formData;
    const parsed = parseForm(materialFileTitleSchema, formData);
    if (!parsed.ok) return badRequest(parsed.errors, formValues(formData), { intent });
    const file = formData.get("materialFile");
    if (!file || typeof file === "string" || file.size === 0) {
      return badRequest({ materialFile: "Välj en PDF- eller PowerPoint-fil att ladda upp." }, formValues(formData), { intent });
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const checked = checkMaterialFile(file.name, bytes);
    if (!checked.ok) return badRequest({ materialFile: checked.message }, formValues(formData), { intent });
    const stored = await storeUpload(bytes, checked.ext);
    const result = await addMaterial(user.id, event.id, {
      kind: "file",
      title: parsed.data.fileTitle,
      filePath: stored,
      mimeType: checked.mimeType,
      sizeBytes: bytes.length,
    });
    if (!result.ok) {
      await removeUpload(stored);
      return badRequest({ [result.field]: result.message }, {}, { intent });
    }
    return redirect(`${base}?sparat=material#material`);
  }

  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const values = formValues(formData);

  switch (intent) {
    case "recording": {
      const parsed = parseForm(recordingSchema, formData);
      if (!parsed.ok) return badRequest(parsed.errors, values, { intent });
      const result = await saveRecording(user.id, event.id, {
        source: parsed.data.videoUrl,
        durationSeconds: parsed.data.duration,
        captionsUrl: parsed.data.captionsUrl,
        publish: parsed.data.publish === "on",
      });
      if (!result.ok) return badRequest({ [result.field]: result.message }, values, { intent });
      return redirect(`${base}?sparat=video`);
    }
    case "chapter-add": {
      const parsed = parseForm(chapterSchema, formData);
      if (!parsed.ok) return badRequest(parsed.errors, values, { intent });
      const result = await addChapter(user.id, event.id, { startSeconds: parsed.data.chapterTime, title: parsed.data.chapterTitle });
      if (!result.ok) return badRequest({ [result.field]: result.message }, values, { intent });
      return redirect(`${base}?sparat=kapitel#kapitel`);
    }
    case "chapter-edit": {
      const parsed = parseForm(chapterEditSchema, formData);
      if (!parsed.ok) return badRequest(parsed.errors, values, { intent, target: String(formData.get("id") ?? "") });
      const result = await updateChapter(user.id, event.id, parsed.data.id, { startSeconds: parsed.data.chapterTime, title: parsed.data.chapterTitle });
      if (!result.ok) return badRequest({ [result.field]: result.message }, values, { intent, target: parsed.data.id });
      return redirect(`${base}?sparat=kapitel-andrat#kapitel`);
    }
    case "chapter-delete": {
      const row = parseForm(rowSchema, formData);
      if (!row.ok) return badRequest(row.errors, {}, { intent });
      const result = await deleteChapter(user.id, event.id, row.data.id);
      if (!result.ok) return badRequest({ [result.field]: result.message }, {}, { intent });
      return redirect(`${base}?sparat=kapitel-borttaget#kapitel`);
    }
    case "material-link": {
      const parsed = parseForm(materialLinkSchema, formData);
      if (!parsed.ok) return badRequest(parsed.errors, values, { intent });
      const result = await addMaterial(user.id, event.id, { kind: "link", title: parsed.data.materialTitle, url: parsed.data.materialUrl });
      if (!result.ok) return badRequest({ [result.field]: result.message }, values, { intent });
      return redirect(`${base}?sparat=material#material`);
    }
    case "material-delete": {
      const row = parseForm(rowSchema, formData);
      if (!row.ok) return badRequest(row.errors, {}, { intent });
      const result = await deleteMaterial(user.id, event.id, row.data.id);
      if (!result.ok) return badRequest({ [result.field]: result.message }, {}, { intent });
      await removeUpload(result.filePath);
      return redirect(`${base}?sparat=material-borttaget#material`);
    }
    default:
      return badRequest({ form: "Okänd åtgärd. Ladda om sidan och försök igen." }, {}, { intent });
  }
}

const SAVED: Record<string, string> = {
  video: "Inspelningen är sparad.",
};

const LABELS: Record<string, string> = {
  videoUrl: "Videons adress",
  duration: "Längd",
  captionsUrl: "Textning",
  chapterTime: "Kapitlets tid",
  chapterTitle: "Kapitlets namn",
  materialTitle: "Länkens namn",
  materialUrl: "Länk",
  fileTitle: "Filens namn",
  materialFile: "Fil",
};

export default function RecordingAdmin() {
  const { event, isPast } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = SAVED[searchParams.get("sparat") ?? ""];
  const errors = actionData?.errors;
  const errorsFor = (intent: string) => failureOf(actionData, intent)?.errors;
  const valuesFor = (intent: string) => failureOf(actionData, intent)?.values ?? {};
  const recording = event.recording;
  const recValues = failureOf(actionData, "recording")
    ? valuesFor("recording")
    : {
        videoUrl: recording?.videoUrl ?? "",
        duration: recording?.durationSeconds ? formatTimestamp(recording.durationSeconds) : "",
        captionsUrl: recording?.captionsUrl ?? "",
        publish: recording?.publishedAt ? "on" : "",
      };

  return (
    <>
      <Breadcrumbs
        items={[ADMIN_CRUMB, { to: ADMIN_EVENTS_HREF, label: "Forum" }, { to: adminEventHref(event.id), label: event.title }]}
        current="Inspelning"
      />
      <h1>Inspelning: {event.title}</h1>
      <p className="lead">Videon, kapitel som hoppar till rätt tid, och bilderna från forumet.</p>
      {saved ? (
        <div className="notice notice--success" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={LABELS} />

      {!isPast ? (
        <div className="notice">
          <p>Forumet har inte ägt rum än. Inspelningen kan läggas till när forumet är slut.</p>
        </div>
      ) : (
        <>
          <section className="section" aria-labelledby="video">
            <h2 id="video">Video</h2>
            {recording?.publishedAt && event.status === "published" ? (
              <>
                <p>
                  Inspelningen syns på <Link to={eventHref(event)}>forumets sida</Link> och bland <Link to="/inspelningar">inspelningarna</Link>.
                </p>
                <p>
                  <Link to={adminRecordingNoticeHref(event.id)} className="button button--secondary">
                    Berätta för deltagarna att inspelningen finns
                  </Link>
                </p>
                <p className="field__hint">Du ser mejlet och kan skicka ett test till dig själv innan det går ut. Var och en får det en gång.</p>
              </>
            ) : null}
            <Form method="post" noValidate>
              <TextField
                name="videoUrl"
                label="Videons adress"
                type="url"
                hint="En länk till YouTube eller Vimeo, eller till en egen mp4-fil. Måste börja med https://."
                defaultValue={recValues.videoUrl}
                error={errorsFor("recording")?.videoUrl}
              />
              <TextField
                name="duration"
                label="Längd (frivilligt)"
                hint="tt:mm:ss, till exempel 1:30:00."
                defaultValue={recValues.duration}
                error={errorsFor("recording")?.duration}
              />
              <TextField
                name="captionsUrl"
                label="Textning, WebVTT (frivilligt)"
                type="url"
                hint="Bara för en egen mp4-fil: https-adress till en .vtt-fil med svensk text. Videor hos YouTube och Vimeo textas där."
                defaultValue={recValues.captionsUrl}
                error={errorsFor("recording")?.captionsUrl}
              />
              <Checkbox
                name="publish"
                label="Publicera inspelningen"
                hint="Syns då på forumets sida och bland inspelningarna, om forumet är publicerat."
                defaultChecked={recValues.publish === "on"}
              />
              <SubmitButton name="intent" value="recording" pendingText="Sparar…">
                Spara videon
              </SubmitButton>
            </Form>
          </section>

          {recording?.videoUrl ? (
            <ChaptersSection chapters={recording.chapters} actionData={actionData} saved={searchParams.get("sparat")} />
          ) : (
            <p>Kapitel kan läggas till när videon finns. Material går bra att lägga till redan nu.</p>
          )}
          <MaterialsSection materials={recording?.materials ?? []} actionData={actionData} saved={searchParams.get("sparat")} />
        </>
      )}
    </>
  );
}
