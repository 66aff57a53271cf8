import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CaseForm, caseFormValues } from "~/components/case-form";
import { PreviewPanel } from "~/components/editor-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getCaseForEditor, getCaseFormOptions, updateCase } from "~/models/case-admin.server";
import { listMunicipalities } from "~/models/reference.server";
import { requireVerifiedUser } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { renderPreview } from "~/models/preview.server";
import { editorFailure, editorBody, parseEditorForm, previewAnswer } from "~/utils/library-form.server";
import { caseHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { caseSchema } from "~/validation/library";
import { requireParam } from "~/utils/http.server";
import { failureOf } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(data ? `Redigera: ${data.item.title}` : "Caset finns inte", "Håll din kommuns case aktuellt.");

/** Only the member assigned as the case's editor gets it; everyone else gets 404. */
const NOT_YOURS = "Caset finns inte, eller så är du inte redaktör för det.";

async function loadOwnCase(params: LoaderFunctionArgs["params"], userId: string) {
  const item = await getCaseForEditor(requireParam(params, "id", "id", NOT_YOURS), userId);
  if (!item) throw new Response(NOT_YOURS, { status: 404 });
  return item;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const item = await loadOwnCase(params, user.id);
  const [options, municipalities] = await Promise.all([getCaseFormOptions({ forEditor: { currentEventId: item.eventId } }), listMunicipalities()]);
  return json({ item, options: { ...options, municipalities } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const item = await loadOwnCase(params, user.id);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "preview") return previewAnswer(formData, await renderPreview(user.id, editorBody(formData), "caseBody"));
  if (intent !== "save") return editorFailure(formData, { form: "Okänd åtgärd. Ladda om sidan och försök igen." });
  const parsed = parseEditorForm(caseSchema, formData);
  if (!parsed.ok) return editorFailure(formData, parsed.errors);
  const result = await updateCase(item.id, user.id, parsed.data, { editorId: user.id });
  if (!result) throw new Response(NOT_YOURS, { status: 404 });
  if (!result.ok) return editorFailure(formData, { [result.field]: result.message });
  return redirect(`/profil/case/${item.id}?sparat=1`);
}

export default function EditOwnCase() {
  const { item, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const published = item.status === "published";
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/profil", label: "Min profil" },
          { to: "/profil/case", label: "Mina case" },
        ]}
        current={item.title}
      />
      <h1>Redigera ditt case</h1>
      {searchParams.get("sparat") && !actionData ? (
        <div className="notice notice--success" role="status">
          <p>Ändringarna är sparade{published ? " och syns direkt på caset" : ""}.</p>
        </div>
      ) : null}
      <p className="lead">
        {published ? (
          <>
            Caset är publicerat. Det du sparar syns direkt. <Link to={caseHref(item)}>Visa caset</Link>
          </>
        ) : (
          "Caset är ett utkast. Forumansvarig publicerar det när det är klart."
        )}
      </p>
      <PreviewPanel html={actionData?.preview} />
      <CaseForm
        values={actionData?.values ?? caseFormValues(item)}
        selectedTags={actionData?.tags ?? item.tags.map((t) => t.slug)}
        errors={failureOf(actionData)?.errors}
        options={options}
        canEditSlug={false}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
