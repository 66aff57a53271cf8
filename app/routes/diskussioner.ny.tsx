import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { PreviewPanel, TagCheckboxes } from "~/components/editor-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, SubmitButton, TextArea, TextField } from "~/components/forms";
import { MarkdownHelp } from "~/components/markdown-help";
import { findSimilarThreads } from "~/models/discussion.server";
import { askFormOptions, createThread, DiscussionError, enforcePostingLimits } from "~/models/post.server";
import { requireUser, requireVerifiedUser } from "~/models/auth.server";
import { MAX_TAGS, TITLE_MAX, TITLE_MIN } from "~/utils/discussion";
import { readFormData } from "~/utils/form-data.server";
import { failureOf, type FieldErrors, formValues, parseForm } from "~/utils/forms";
import { answerCountLabel } from "~/utils/labels";
import { DISCUSSIONS_HREF, threadHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { renderPreview } from "~/models/preview.server";
import { askSchema } from "~/validation/discussion";
import { badRequest, ofShape } from "~/utils/http.server";

export const meta: MetaFunction = () => pageMeta("Ställ en fråga", "Ställ en fråga till andra kommuner om BI, IoT, AI och dataarbete.");

const LABELS = { title: "Rubrik", body: "Din fråga", category: "Kategori", tags: "Taggar", form: "Frågan" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const options = await askFormOptions({ caseSlug: ofShape(url.searchParams.get("case"), "slug"), eventSlug: ofShape(url.searchParams.get("forum"), "slug") });
  const kategori = ofShape(url.searchParams.get("kategori"), "slug") ?? "";
  return json({
    verified: user.emailVerified,
    ...options,
    category: options.categories.some((c) => c.slug === kategori) ? kategori : "",
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent") === "preview" ? "preview" : "publish";
  const selectedTags = formData
    .getAll("tags")
    .filter((t): t is string => typeof t === "string")
    .slice(0, 50);
  const values = formValues(formData);
  const draft = `${values.title ?? ""} ${values.body ?? ""}`.slice(0, 2000);
  const similar = await findSimilarThreads(draft);
  // The similar threads and the ticked tags come back with a failure too.
  const fail = (errors: FieldErrors, status = 400) =>
    badRequest(errors, values, { intent, status, extra: { selectedTags, similar, preview: null as string | null } });
  if (intent === "preview") {
    const preview = await renderPreview(user.id, values.body ?? "", "post");
    if (!preview.ok) return fail({ body: preview.message });
    return json({ ok: true as const, intent, values, selectedTags, similar, preview: preview.html });
  }
  const parsed = parseForm(askSchema, formData, ["tags"]);
  if (!parsed.ok) return fail(parsed.errors);
  const limit = await enforcePostingLimits(user.id, parsed.data.body);
  if (limit) return fail({ body: limit });
  try {
    const thread = await createThread({
      authorId: user.id,
      categorySlug: parsed.data.category,
      title: parsed.data.title,
      body: parsed.data.body,
      tagSlugs: parsed.data.tags,
      caseSlug: parsed.data.case || undefined,
      eventSlug: parsed.data.forum || undefined,
    });
    return redirect(`${threadHref(thread)}?skickat=fraga#fraga-publicerad`); // SENT_PARAM of the thread page
  } catch (error) {
    if (error instanceof DiscussionError) {
      const field = error.field === "form" ? "category" : error.field;
      return fail({ [field]: error.message }, error.status);
    }
    throw error;
  }
}

export default function AskQuestion() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = failureOf(actionData)?.errors;
  const values = actionData?.values ?? {};
  const selectedTags = actionData?.selectedTags ?? [];
  const category = values.category ?? data.category;
  return (
    <>
      <Breadcrumbs items={[{ to: DISCUSSIONS_HREF, label: "Diskussioner" }]} current="Ställ en fråga" />
      <h1>Ställ en fråga</h1>
      <p className="lead">
        Frågan visas med ditt namn, din titel och din kommun. Skriv så att någon i en annan kommun förstår vad ni har provat och vad ni vill veta.
      </p>
      {!data.verified ? (
        <div className="notice notice--warning">
          <p>
            Du behöver bekräfta din e-postadress innan du kan ställa frågor. <Link to="/profil">Gå till din profil</Link> för att få en ny bekräftelselänk.
          </p>
        </div>
      ) : (
        <>
          <ErrorSummary errors={errors} labels={LABELS} />
          {actionData?.similar.length ? (
            <section className="notice" aria-labelledby="liknande">
              <h2 id="liknande">Liknande trådar</h2>
              <p>Kanske har någon redan frågat samma sak? Titta gärna här innan du publicerar.</p>
              <ul>
                {actionData.similar.map((t) => (
                  <li key={t.id}>
                    <Link to={threadHref(t)}>{t.title}</Link> ({answerCountLabel(t.answerCount).toLowerCase()}
                    {t.answered ? ", besvarad" : ""})
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <PreviewPanel html={actionData?.preview} />
          <Form method="post" noValidate>
            <TextField
              name="title"
              label={LABELS.title}
              hint={`En mening som sammanfattar frågan, ${TITLE_MIN}–${TITLE_MAX} tecken.`}
              defaultValue={values.title}
              error={errors?.title}
              maxLength={TITLE_MAX + 10}
              required
            />
            <SelectField name="category" label={LABELS.category} defaultValue={category} error={errors?.category} required>
              <option value="">Välj kategori</option>
              {data.categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <TextArea
              name="body"
              label={LABELS.body}
              hint="Beskriv bakgrunden, vad ni har provat och vad du vill veta. Du kan använda Markdown."
              defaultValue={values.body}
              error={errors?.body}
              rows={10}
              required
            />
            <MarkdownHelp />
            <TagCheckboxes tags={data.tags} selected={selectedTags} error={errors?.tags} legend={`Taggar (högst ${MAX_TAGS})`} />
            {data.linkedCase ? (
              <div className="field">
                <div className="choice">
                  <input type="checkbox" id="falt-case" name="case" value={data.linkedCase.slug} defaultChecked />
                  <label htmlFor="falt-case">Koppla frågan till caset ”{data.linkedCase.title}”</label>
                </div>
              </div>
            ) : null}
            {data.linkedEvent ? (
              <div className="field">
                <div className="choice">
                  <input type="checkbox" id="falt-forum" name="forum" value={data.linkedEvent.slug} defaultChecked />
                  <label htmlFor="falt-forum">Koppla frågan till forumet ”{data.linkedEvent.title}”</label>
                </div>
              </div>
            ) : null}
            <div className="button-row">
              <SubmitButton name="intent" value="preview" secondary pendingText="Förhandsgranskar…">
                Förhandsgranska
              </SubmitButton>
              <SubmitButton name="intent" value="publish" pendingText="Publicerar…">
                Publicera frågan
              </SubmitButton>
            </div>
          </Form>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
