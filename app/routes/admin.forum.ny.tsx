import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { EventForm } from "~/components/event-form";
import { ErrorSummary } from "~/components/forms";
import { createEvent, listAreaTags } from "~/models/event-admin.server";
import { requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { failureOf, type FieldErrors, parseForm } from "~/utils/forms";
import { pageMeta } from "~/utils/meta";
import { renderPreview } from "~/models/preview.server";
import { EVENT_ARRAY_FIELDS, EVENT_FIELD_LABELS, eventSchema } from "~/validation/event";
import { eventFormValues, type EventFormValues } from "~/utils/event-form-values";
import { ADMIN_EVENTS_HREF, adminEventHref } from "~/utils/links";
import { badRequest } from "~/utils/http.server";

export const meta: MetaFunction = () => pageMeta("Skapa ett forum", "Skapa ett nytt forum som utkast.");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  return json({ tags: await listAreaTags() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const formData = await readFormData(request);
  const values = eventFormValues(formData);
  const intent = String(formData.get("intent") ?? "");
  const fail = (errors: FieldErrors) => badRequest<EventFormValues>(errors, values, { intent });

  if (intent === "preview") {
    const preview = await renderPreview(user.id, String(formData.get("descriptionMd") ?? ""), "eventDescription");
    if (!preview.ok) return fail({ descriptionMd: preview.message });
    return json({ ok: true as const, intent, values, previewHtml: preview.html });
  }
  if (intent !== "save") return fail({ form: "Okänd åtgärd. Ladda om sidan och försök igen." });

  const parsed = parseForm(eventSchema, formData, EVENT_ARRAY_FIELDS);
  if (!parsed.ok) return fail(parsed.errors);
  const result = await createEvent(user.id, parsed.data);
  if (!result.ok) return fail({ [result.field]: result.message });
  return redirect(`${adminEventHref(result.id)}?sparat=skapat`);
}

export default function NewEvent() {
  const { tags } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = failureOf(actionData)?.errors;
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB, { to: ADMIN_EVENTS_HREF, label: "Forum" }]} current="Nytt forum" />
      <h1>Skapa ett forum</h1>
      <p className="lead">Forumet sparas som utkast. Du publicerar det när det är klart, och lägger till program och talare efter att det är sparat.</p>
      <ErrorSummary errors={errors} labels={EVENT_FIELD_LABELS} />
      <EventForm
        values={actionData?.values ?? { format: "webinar" }}
        errors={errors}
        tags={tags}
        previewHtml={actionData?.ok ? actionData.previewHtml : undefined}
        submitLabel="Spara utkast"
      />
    </>
  );
}
