import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ArticleForm } from "~/components/article-form";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { PreviewPanel } from "~/components/editor-fields";
import { createArticle } from "~/models/article.server";
import { listTagsForForm } from "~/models/library.server";
import { requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { renderPreview } from "~/models/preview.server";
import { editorFailure, editorBody, parseEditorForm, previewAnswer } from "~/utils/library-form.server";
import { pageMeta } from "~/utils/meta";
import { articleSchema } from "~/validation/library";
import { ADMIN_ARTICLES_HREF, adminArticleHref } from "~/utils/links";
import { failureOf } from "~/utils/forms";

export const meta: MetaFunction = () => pageMeta("Ny spaning", "Skriv en ny spaning. Den sparas som utkast tills du publicerar den.");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  return json({ tags: await listTagsForForm() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "preview") return previewAnswer(formData, await renderPreview(user.id, editorBody(formData), "articleBody"));
  if (intent !== "save") return editorFailure(formData, { form: "Okänd åtgärd. Ladda om sidan och försök igen." });
  const parsed = parseEditorForm(articleSchema, formData);
  if (!parsed.ok) return editorFailure(formData, parsed.errors);
  const result = await createArticle(user.id, { ...parsed.data, authorName: parsed.data.authorName || user.name });
  if (!result.ok) return editorFailure(formData, { [result.field]: result.message });
  return redirect(`${adminArticleHref(result.id)}?sparat=skapad`);
}

export default function NewArticle() {
  const { tags } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB, { to: ADMIN_ARTICLES_HREF, label: "Spaningar" }]} current="Ny spaning" />
      <h1>Ny spaning</h1>
      <p className="lead">Spaningen sparas som utkast. Du publicerar den när den är klar.</p>
      <PreviewPanel html={actionData?.preview} />
      <ArticleForm
        values={actionData?.values ?? {}}
        selectedTags={actionData?.tags ?? []}
        errors={failureOf(actionData)?.errors}
        tags={tags}
        submitLabel="Spara utkast"
      />
    </>
  );
}
