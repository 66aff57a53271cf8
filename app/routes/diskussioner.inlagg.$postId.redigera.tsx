import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton, TextArea, TextField } from "~/components/forms";
import { MarkdownHelp } from "~/components/markdown-help";
import { DiscussionError, editPost, enforcePostingLimits, threadRef } from "~/models/post.server";
import { getPostForEdit } from "~/models/thread.server";
import { requireUser, requireVerifiedUser } from "~/models/auth.server";
import { BODY_MAX, COMMENT_MAX, LOCKED_THREAD_MESSAGE, TITLE_MAX, TITLE_MIN } from "~/utils/discussion";
import { readFormData } from "~/utils/form-data.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { DISCUSSIONS_HREF, postAnchor, threadHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { editQuestionSchema, editSchema } from "~/validation/discussion";
import { badRequest, requireParam } from "~/utils/http.server";

export const meta: MetaFunction = () => pageMeta("Redigera inlägg", "Ändra texten i ditt inlägg, eller rubriken på din fråga. Den tidigare versionen sparas.");

async function loadOwnPost(params: LoaderFunctionArgs["params"], userId: string) {
  const post = await getPostForEdit(requireParam(params, "postId", "id", "Inlägget finns inte"));
  if (!post || post.hiddenAt || post.thread.hiddenAt || post.thread.mergedIntoId) throw new Response("Inlägget finns inte", { status: 404 });
  if (post.authorId !== userId) throw new Response("Du kan bara redigera dina egna inlägg.", { status: 403 });
  return post;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const post = await loadOwnPost(params, user.id);
  return json({
    post: { id: post.id, kind: post.kind, bodyMd: post.bodyMd },
    thread: { id: post.thread.id, slug: post.thread.slug, title: post.thread.title, locked: post.thread.locked },
  });
}

type EditValues = { body: string; title?: string };

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const post = await loadOwnPost(params, user.id);
  const formData = await readFormData(request);
  const parsed = post.kind === "question" ? parseForm(editQuestionSchema, formData) : parseForm(editSchema, formData);
  const fail = (errors: FieldErrors, values: EditValues, status?: number) => badRequest<EditValues>(errors, values, { status });
  if (!parsed.ok) return fail(parsed.errors, { body: parsed.values.body ?? "", title: parsed.values.title });
  const values: EditValues = parsed.data;
  if (post.kind === "comment" && values.body.length > COMMENT_MAX) return fail({ body: `En kommentar får ha högst ${COMMENT_MAX} tecken.` }, values);
  // An edit can add links and mentions, so it counts like a new post.
  const limit = await enforcePostingLimits(user.id, values.body);
  if (limit) return fail({ body: limit }, values);
  try {
    await editPost({ postId: post.id, editorId: user.id, body: values.body, title: values.title });
  } catch (error) {
    if (error instanceof DiscussionError) return fail({ body: error.message }, values, error.status);
    throw error;
  }
  const ref = await threadRef(post.thread.id);
  return redirect(ref ? `${threadHref(ref)}#${postAnchor(post.id)}` : DISCUSSIONS_HREF);
}

export default function EditPost() {
  const { post, thread } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const back = `${threadHref(thread)}#${postAnchor(post.id)}`;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: DISCUSSIONS_HREF, label: "Diskussioner" },
          { to: threadHref(thread), label: thread.title },
        ]}
        current="Redigera inlägg"
      />
      <h1>Redigera {post.kind === "question" ? "frågan" : post.kind === "answer" ? "svaret" : "kommentaren"}</h1>
      {thread.locked ? (
        <div className="notice notice--warning">
          <p>{LOCKED_THREAD_MESSAGE}</p>
        </div>
      ) : (
        <>
          <p className="lead">Inlägget märks som redigerat. Den tidigare texten sparas och kan läsas av moderatorerna.</p>
          <ErrorSummary errors={actionData?.errors} labels={{ title: "Rubrik", body: "Text" }} />
          <Form method="post" noValidate>
            {post.kind === "question" ? (
              <TextField
                name="title"
                label="Rubrik"
                hint={`En mening som sammanfattar frågan, ${TITLE_MIN}–${TITLE_MAX} tecken. Gamla länkar till tråden fortsätter att fungera.`}
                defaultValue={actionData?.values.title ?? thread.title}
                error={actionData?.errors.title}
                maxLength={TITLE_MAX + 10}
                required
              />
            ) : null}
            <TextArea
              name="body"
              label="Text"
              defaultValue={actionData?.values.body ?? post.bodyMd}
              error={actionData?.errors.body}
              rows={post.kind === "comment" ? 4 : 12}
              maxLength={post.kind === "comment" ? COMMENT_MAX : BODY_MAX}
              required
            />
            <MarkdownHelp />
            <SubmitButton pendingText="Sparar…">Spara ändringen</SubmitButton>
          </Form>
        </>
      )}
      <p>
        <Link to={back}>Tillbaka till tråden</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
