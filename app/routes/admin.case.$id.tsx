import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { CaseForm, caseFormValues } from "~/components/case-form";
import { PreviewPanel } from "~/components/editor-fields";
import { DateTime } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton, TextField } from "~/components/forms";
import { assignCaseEditor, getCaseForEdit, getCaseFormOptions, markCaseReviewed, setCaseStatus, updateCase } from "~/models/case-admin.server";
import { listMunicipalities } from "~/models/reference.server";
import { requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { failureOf, parseForm } from "~/utils/forms";
import { renderPreview } from "~/models/preview.server";
import { editorFailure, editorBody, parseEditorForm, previewAnswer } from "~/utils/library-form.server";
import { ADMIN_CASES_HREF, adminCaseHref, caseHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { caseSchema, editorSchema } from "~/validation/library";
import { requireParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(data ? `Redigera: ${data.item.title}` : "Caset finns inte", "Redigera, förhandsgranska och publicera ett case.");

async function loadCase(params: LoaderFunctionArgs["params"]) {
  const item = await getCaseForEdit(requireParam(params, "id", "id", "Caset finns inte"));
  if (!item) throw new Response("Caset finns inte", { status: 404 });
  return item;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const item = await loadCase(params);
  const [options, municipalities] = await Promise.all([getCaseFormOptions(), listMunicipalities()]);
  return json({ item, options: { ...options, municipalities } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const item = await loadCase(params);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const back = (saved: string) => redirect(`${adminCaseHref(item.id)}?sparat=${saved}`);

  switch (intent) {
    case "preview":
      return previewAnswer(formData, await renderPreview(user.id, editorBody(formData), "caseBody"));
    case "save": {
      const parsed = parseEditorForm(caseSchema, formData);
      if (!parsed.ok) return editorFailure(formData, parsed.errors);
      const result = await updateCase(item.id, user.id, parsed.data);
      if (!result) throw new Response("Caset finns inte", { status: 404 });
      if (!result.ok) return editorFailure(formData, { [result.field]: result.message });
      return back("sparat");
    }
    case "publish":
    case "unpublish":
      await setCaseStatus(item.id, user.id, intent === "publish" ? "published" : "draft");
      return back(intent === "publish" ? "publicerat" : "avpublicerat");
    case "review":
      await markCaseReviewed(item.id, user.id);
      return back("granskat");
    case "editor": {
      const parsed = parseForm(editorSchema, formData);
      if (!parsed.ok) return editorFailure(formData, parsed.errors);
      const result = await assignCaseEditor(item.id, user.id, parsed.data.editorEmail);
      if (!result) throw new Response("Caset finns inte", { status: 404 });
      if (!result.ok) return editorFailure(formData, { [result.field]: result.message });
      return back(parsed.data.editorEmail ? "redaktor" : "ingenredaktor");
    }
    default:
      return editorFailure(formData, { form: "Okänd åtgärd. Ladda om sidan och försök igen." });
  }
}

const SAVED: Record<string, string> = {
  skapat: "Caset är skapat som utkast.",
  sparat: "Ändringarna är sparade.",
  publicerat: "Caset är publicerat och syns i biblioteket.",
  avpublicerat: "Caset är avpublicerat. Det syns inte längre för besökare.",
  granskat: "Caset är markerat som granskat i dag.",
  redaktor: "Redaktören är tilldelad. Hen kan nu redigera caset från sin profil.",
  ingenredaktor: "Caset har ingen redaktör längre.",
};

export default function EditCase() {
  const { item, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = SAVED[searchParams.get("sparat") ?? ""];
  const errors = failureOf(actionData)?.errors;
  const published = item.status === "published";
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB, { to: ADMIN_CASES_HREF, label: "Case" }]} current={item.title} />
      <h1>Redigera case</h1>
      {saved && !actionData ? (
        <div className="notice notice--success" role="status">
          <p>{saved}</p>
        </div>
      ) : null}

      <section className="section" aria-labelledby="status">
        <h2 id="status">Status</h2>
        <dl className="facts facts--inline">
          <dt>Status</dt>
          <dd>{published ? "Publicerat" : "Utkast"}</dd>
          <dt>Publicerat</dt>
          <dd>{item.publishedAt ? <DateTime value={item.publishedAt} format="date" /> : "Aldrig"}</dd>
          <dt>Senast granskat</dt>
          <dd>{item.lastReviewedAt ? <DateTime value={item.lastReviewedAt} format="date" /> : "Aldrig"}</dd>
        </dl>
        <p>{published ? <Link to={caseHref(item)}>Visa caset</Link> : <Link to={caseHref(item)}>Förhandsgranska sidan</Link>}</p>
        <div className="button-row">
          <Form method="post">
            {published ? (
              <SubmitButton secondary name="intent" value="unpublish" pendingText="Avpublicerar…">
                Avpublicera
              </SubmitButton>
            ) : (
              <SubmitButton name="intent" value="publish" pendingText="Publicerar…">
                Publicera
              </SubmitButton>
            )}
          </Form>
          <Form method="post">
            <SubmitButton secondary name="intent" value="review" pendingText="Sparar…">
              Markera som granskat i dag
            </SubmitButton>
          </Form>
        </div>
      </section>

      <section className="section" aria-labelledby="innehall">
        <h2 id="innehall">Innehåll</h2>
        <PreviewPanel html={actionData?.preview} />
        <CaseForm
          values={actionData && !("editorEmail" in actionData.values) ? actionData.values : caseFormValues(item)}
          selectedTags={actionData && !("editorEmail" in actionData.values) ? actionData.tags : item.tags.map((t) => t.slug)}
          errors={actionData && !("editorEmail" in actionData.values) ? errors : undefined}
          options={options}
          canEditSlug
        />
      </section>

      <section className="section" aria-labelledby="redaktor">
        <h2 id="redaktor">Redaktör från kommunen</h2>
        <p>
          En redaktör är en medlem som får redigera just det här caset, till exempel kontaktpersonen i kommunen. Redaktören kan ändra innehållet men inte
          publicera eller avpublicera.
        </p>
        <p>Nuvarande redaktör: {item.editor ? `${item.editor.name} (${item.editor.email})` : "ingen"}.</p>
        <Form method="post" noValidate>
          <TextField
            name="editorEmail"
            label="Redaktörens e-postadress"
            type="email"
            hint="Personen måste ha ett konto. Lämna tomt för att ta bort redaktören."
            defaultValue={actionData?.values.editorEmail ?? item.editor?.email ?? ""}
            error={actionData && "editorEmail" in actionData.values ? errors?.editorEmail : undefined}
            autoComplete="off"
          />
          <SubmitButton secondary name="intent" value="editor" pendingText="Sparar…">
            Spara redaktör
          </SubmitButton>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
