import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { CaseForm } from "~/components/case-form";
import { PreviewPanel } from "~/components/editor-fields";
import { createCase, getCaseFormOptions } from "~/models/case-admin.server";
import { listMunicipalities } from "~/models/reference.server";
import { requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { renderPreview } from "~/models/preview.server";
import { editorFailure, editorBody, parseEditorForm, previewAnswer } from "~/utils/library-form.server";
import { pageMeta } from "~/utils/meta";
import { caseSchema, CASE_SECTION_TEMPLATE } from "~/validation/library";
import { ADMIN_CASES_HREF, adminCaseHref } from "~/utils/links";
import { failureOf } from "~/utils/forms";

export const meta: MetaFunction = () => pageMeta("Nytt case", "Skriv ett nytt case. Det sparas som utkast tills du publicerar det.");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const [options, municipalities] = await Promise.all([getCaseFormOptions(), listMunicipalities()]);
  return json({ options: { ...options, municipalities } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "preview") return previewAnswer(formData, await renderPreview(user.id, editorBody(formData), "caseBody"));
  if (intent !== "save") return editorFailure(formData, { form: "Okänd åtgärd. Ladda om sidan och försök igen." });
  const parsed = parseEditorForm(caseSchema, formData);
  if (!parsed.ok) return editorFailure(formData, parsed.errors);
  const result = await createCase(user.id, parsed.data);
  if (!result.ok) return editorFailure(formData, { [result.field]: result.message });
  return redirect(`${adminCaseHref(result.id)}?sparat=skapat`);
}

export default function NewCase() {
  const { options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB, { to: ADMIN_CASES_HREF, label: "Case" }]} current="Nytt case" />
      <h1>Nytt case</h1>
      <p className="lead">
        Caset sparas som utkast. Du publicerar det när det är klart. Texten har en föreslagen mall; avsnitt som kommunen inte har fyllt i står kvar som ”Att
        fylla i av kommunen”.
      </p>
      <PreviewPanel html={actionData?.preview} />
      <CaseForm
        values={actionData?.values ?? { bodyMd: CASE_SECTION_TEMPLATE }}
        selectedTags={actionData?.tags ?? []}
        errors={failureOf(actionData)?.errors}
        options={options}
        canEditSlug
        submitLabel="Spara utkast"
      />
    </>
  );
}
