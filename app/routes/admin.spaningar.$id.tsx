import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ArticleForm } from "~/components/article-form";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { PreviewPanel } from "~/components/editor-fields";
import { DateTime } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms";
import { getArticleForEdit, setArticleStatus, updateArticle } from "~/models/article.server";
import { listTagsForForm } from "~/models/library.server";
import { requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { renderPreview } from "~/models/preview.server";
import { editorFailure, editorBody, parseEditorForm, previewAnswer } from "~/utils/library-form.server";
import { ADMIN_ARTICLES_HREF, adminArticleHref, articleHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { articleSchema } from "~/validation/library";
import { requireParam } from "~/utils/http.server";
import { failureOf } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(data ? `Redigera: ${data.article.title}` : "Spaningen finns inte", "Redigera, förhandsgranska och publicera en spaning.");

async function loadArticle(params: LoaderFunctionArgs["params"]) {
  const article = await getArticleForEdit(requireParam(params, "id", "id", "Spaningen finns inte"));
  if (!article) throw new Response("Spaningen finns inte", { status: 404 });
  return article;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const [article, tags] = await Promise.all([loadArticle(params), listTagsForForm()]);
  return json({ article, tags });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const article = await loadArticle(params);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const back = (saved: string) => redirect(`${adminArticleHref(article.id)}?sparat=${saved}`);
  switch (intent) {
    case "preview":
      return previewAnswer(formData, await renderPreview(user.id, editorBody(formData), "articleBody"));
    case "save": {
      const parsed = parseEditorForm(articleSchema, formData);
      if (!parsed.ok) return editorFailure(formData, parsed.errors);
      const result = await updateArticle(article.id, user.id, parsed.data);
      if (!result) throw new Response("Spaningen finns inte", { status: 404 });
      if (!result.ok) return editorFailure(formData, { [result.field]: result.message });
      return back("sparad");
    }
    case "publish":
    case "unpublish":
      await setArticleStatus(article.id, user.id, intent === "publish" ? "published" : "draft");
      return back(intent === "publish" ? "publicerad" : "avpublicerad");
    default:
      return editorFailure(formData, { form: "Okänd åtgärd. Ladda om sidan och försök igen." });
  }
}

const SAVED: Record<string, string> = {
  skapad: "Spaningen är skapad som utkast.",
  sparad: "Ändringarna är sparade.",
  publicerad: "Spaningen är publicerad.",
  avpublicerad: "Spaningen är avpublicerad. Den syns inte längre för besökare.",
};

export default function EditArticle() {
  const { article, tags } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = SAVED[searchParams.get("sparat") ?? ""];
  const published = article.status === "published";
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB, { to: ADMIN_ARTICLES_HREF, label: "Spaningar" }]} current={article.title} />
      <h1>Redigera spaning</h1>
      {saved && !actionData ? (
        <div className="notice notice--success" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      <section className="section" aria-labelledby="status">
        <h2 id="status">Status</h2>
        <p>
          {published ? "Publicerad" : "Utkast"}
          {article.publishedAt ? (
            <>
              , publicerad första gången <DateTime value={article.publishedAt} format="date" />
            </>
          ) : null}
          . {published ? <Link to={articleHref(article)}>Visa spaningen</Link> : <Link to={articleHref(article)}>Förhandsgranska sidan</Link>}
        </p>
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
      </section>
      <section className="section" aria-labelledby="innehall">
        <h2 id="innehall">Innehåll</h2>
        <PreviewPanel html={actionData?.preview} />
        <ArticleForm
          values={
            actionData?.values ?? {
              title: article.title,
              slug: article.slug,
              summary: article.summary,
              bodyMd: article.bodyMd,
              authorName: article.authorName,
            }
          }
          selectedTags={actionData?.tags ?? article.tags.map((t) => t.slug)}
          errors={failureOf(actionData)?.errors}
          tags={tags}
        />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
