import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { EventForm } from "~/components/event-form";
import { ErrorSummary } from "~/components/forms";
import { createEvent, listAreaTags } from "~/models/event-admin.server";
import { requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { parseForm } from "~/utils/forms";
import { pageMeta } from "~/utils/meta";
import { renderPreview } from "~/models/preview.server";
import { EVENT_ARRAY_FIELDS, EVENT_FIELD_LABELS, eventSchema } from "~/validation/event";
import { eventFormValues } from "~/utils/event-form-values";
import { ADMIN_EVENTS_HREF, adminEventHref } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Skapa ett forum", "Skapa ett nytt forum som utkast.");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  return json({ tags: await listAreaTags() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const formData = await readFormData(request);
  const values = eventFormValues(formData);
  const intent = formData.get("intent");

  if (intent === "preview") {
    const preview = await renderPreview(user.id, String(formData.get("descriptionMd") ?? ""), "eventDescription");
    if (!preview.ok) return json({ intent, errors: { descriptionMd: preview.message }, values, previewHtml: null }, { status: 400 });
    return json({ intent, errors: {}, values, previewHtml: preview.html });
  }
  if (intent !== "save") return json({ intent, errors: { form: "Okänd åtgärd. Ladda om sidan och försök igen." }, values, previewHtml: null }, { status: 400 });

  const parsed = parseForm(eventSchema, formData, EVENT_ARRAY_FIELDS);
  if (!parsed.ok) return json({ intent, errors: parsed.errors, values, previewHtml: null }, { status: 400 });
  const result = await createEvent(user.id, parsed.data);
  if (!result.ok) return json({ intent, errors: { [result.field]: result.message }, values, previewHtml: null }, { status: 400 });
  return redirect(`${adminEventHref(result.id)}?sparat=skapat`);
}

export default function NewEvent() {
  const { tags } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs
        items={[
          ADMIN_CRUMB,
          { to: ADMIN_EVENTS_HREF, label: "Forum" },
        ]}
        current="Nytt forum"
      />
      <h1>Skapa ett forum</h1>
      <p className="lead">Forumet sparas som utkast. Du publicerar det när det är klart, och lägger till program och talare efter att det är sparat.</p>
      <ErrorSummary errors={actionData?.errors} labels={EVENT_FIELD_LABELS} />
      <EventForm values={actionData?.values ?? { format: "webinar" }} errors={actionData?.errors} tags={tags} previewHtml={actionData?.previewHtml} submitLabel="Spara utkast" />
    </>
  );
}
