import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton, TextArea } from "~/components/forms";
import { Markdown } from "~/components/markdown";
import { MarkdownHelp } from "~/components/markdown-help";
import { Pagination } from "~/components/pagination";
import { TagList } from "~/components/tag-list";
import { VerifiedBadge } from "~/components/verified-badge";
import {
  acceptAnswer,
  createAnswer,
  createComment,
  DiscussionError,
  enforcePostingLimits,
  threadRef,
  toggleVote,
} from "~/models/post.server";
import { getThreadPage, presentAnswer, presentPost } from "~/models/thread.server";
import { getOptionalUser, hasRole, requireVerifiedUser } from "~/models/auth.server";
import {
  ANSWER_SORTS,
  COMMENT_MAX,
  HIDDEN_POST_PLACEHOLDER,
  LOCKED_THREAD_MESSAGE,
  parseAnswerSort,
  UNRENDERABLE_POST_PLACEHOLDER,
  type AnswerSort,
} from "~/utils/discussion";
import { readFormData } from "~/utils/form-data.server";
import { formatRelative } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { answerCountLabel } from "~/utils/labels";
import { caseHref, categoryFeedHref, categoryHref, DISCUSSIONS_HREF, editPostHref, eventHref, flagPostHref, loginHref, moderatePostHref, moderateThreadHref, municipalityHref, postAnchor, postHistoryHref, threadHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { FLAGGED_NOTICE, FLAGGED_PARAM } from "~/utils/flags";
import { answerSchema, commentSchema, postIdSchema } from "~/validation/discussion";
import { requireParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return pageMeta("Tråden finns inte", "Vi hittade ingen diskussionstråd på den adressen.");
  const { thread } = data;
  return [
    ...pageMeta(thread.title, `Fråga i ${thread.category.name}: ${answerCountLabel(thread.answerCount).toLowerCase()}.`),
    { tagName: "link", rel: "alternate", type: "application/atom+xml", title: `Diskussioner: ${thread.category.name}`, href: categoryFeedHref(thread.category) },
  ];
};

function pageQuery(sort: AnswerSort, page: number) {
  const query = new URLSearchParams();
  if (sort !== "roster") query.set("svar", sort);
  if (page > 1) query.set("sida", String(page));
  const s = query.toString();
  return s ? `?${s}` : "";
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = requireParam(params, "id", "id", "Tråden finns inte");
  const url = new URL(request.url);
  const sort = parseAnswerSort(url.searchParams.get("svar"));
  const requested = Number.parseInt(url.searchParams.get("sida") ?? "1", 10);
  const user = await getOptionalUser(request);
  const isModerator = hasRole(user, "moderator");
  const result = await getThreadPage({
    threadId: id,
    sort,
    page: Number.isSafeInteger(requested) ? requested : 1,
    viewerId: user?.id ?? null,
    includeHidden: isModerator,
  });
  if (!result) throw new Response("Tråden finns inte", { status: 404 });
  if (result.kind === "merged") throw redirect(threadHref(result.target), 301);
  if (params.slug !== result.thread.slug) throw redirect(`${threadHref(result.thread)}${url.search}`, 301);
  return json({
    thread: result.thread,
    question: result.question ? presentPost(result.question, isModerator) : null,
    accepted: result.accepted ? presentAnswer(result.accepted, isModerator) : null,
    answers: result.answers.map((a) => presentAnswer(a, isModerator)),
    page: result.page,
    pageCount: result.pageCount,
    sort,
    votedPostIds: result.votedPostIds,
    viewer: user ? { id: user.id, verified: user.emailVerified, isModerator } : null,
  });
}

type ActionResult = { intent: string; target: string | null; errors: Record<string, string>; values: Record<string, string> };
const refuse = (intent: string, target: string | null, message: string, status: number, field = "form", values: Record<string, string> = {}) =>
  json<ActionResult>({ intent, target, errors: { [field]: message }, values }, { status });

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const threadId = requireParam(params, "id", "id", "Tråden finns inte");
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const sort = parseAnswerSort(String(formData.get("svar") ?? ""));
  const page = Math.max(1, Math.min(100_000, Number.parseInt(String(formData.get("sida") ?? "1"), 10) || 1));
  const back = async (anchor: string, query = pageQuery(sort, page)) => {
    const ref = await threadRef(threadId);
    if (!ref) throw new Response("Tråden finns inte", { status: 404 });
    return redirect(`${threadHref(ref)}${query}#${anchor}`);
  };
  try {
    if (intent === "answer") {
      const parsed = parseForm(answerSchema, formData);
      if (!parsed.ok) return json<ActionResult>({ intent, target: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
      const limit = await enforcePostingLimits(user.id, parsed.data.body);
      if (limit) return refuse(intent, null, limit, 400, "body", { body: parsed.data.body });
      const post = await createAnswer({ threadId, authorId: user.id, body: parsed.data.body });
      // The newest answer is last in date order; the loader clamps the page number.
      return back(postAnchor(post.id), `?svar=datum&sida=100000`);
    }
    if (intent === "comment") {
      const parsed = parseForm(commentSchema, formData);
      const target = String(formData.get("parentId") ?? "").slice(0, 64);
      if (!parsed.ok) return json<ActionResult>({ intent, target, errors: parsed.errors, values: parsed.values }, { status: 400 });
      const limit = await enforcePostingLimits(user.id, parsed.data.body);
      if (limit) return refuse(intent, target, limit, 400, "body", { body: parsed.data.body });
      const post = await createComment({ parentId: parsed.data.parentId, authorId: user.id, body: parsed.data.body, threadId });
      return back(postAnchor(post.id));
    }
    if (intent === "vote" || intent === "accept") {
      const parsed = parseForm(postIdSchema, formData);
      if (!parsed.ok) return refuse(intent, null, "Inlägget saknas.", 400);
      const { postId } = parsed.data;
      if (intent === "vote") await toggleVote({ postId, userId: user.id, threadId });
      else await acceptAnswer({ postId, actorId: user.id, isModerator: hasRole(user, "moderator"), threadId });
      return back(postAnchor(postId));
    }
  } catch (error) {
    if (error instanceof DiscussionError) {
      const target = String(formData.get("parentId") ?? formData.get("postId") ?? "").slice(0, 64) || null;
      return refuse(intent, target, error.message, error.status);
    }
    throw error;
  }
  return refuse(intent, null, "Okänd åtgärd. Ladda om sidan och försök igen.", 400);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Viewer = LoaderData["viewer"];
type ShownAnswer = LoaderData["answers"][number];
type ShownPost = Omit<ShownAnswer, "comments">;

function Author({ post }: { post: ShownPost }) {
  const { author } = post;
  return (
    <p className="post__author">
      <strong>{author.name}</strong>
      {/* The handle is what others write after @ to mention this member. */}
      {author.handle ? <span className="post__handle"> @{author.handle}</span> : null}
      {author.title ? <span>, {author.title}</span> : null}
      {author.municipality ? (
        <>
          {", "}
          <Link to={municipalityHref(author.municipality)}>{author.municipality.name}</Link>
        </>
      ) : null}
      {author.affiliation ? (
        <>
          {" "}
          <VerifiedBadge affiliation={author.affiliation} />
        </>
      ) : null}
      <span className="post__dates">
        {" · "}
        <span suppressHydrationWarning>{formatRelative(post.createdAt)}</span> (<DateTime value={post.createdAt} />)
        {post.editedAt ? (
          <>
            {" · "}
            <span className="post__edited">
              redigerad <DateTime value={post.editedAt} />
            </span>
          </>
        ) : null}
      </span>
    </p>
  );
}

function Body({ post }: { post: ShownPost }) {
  if (post.hidden && post.html === null && !post.unrenderable) return <p className="post__placeholder">{HIDDEN_POST_PLACEHOLDER}</p>;
  return (
    <>
      {post.hidden ? (
        <p className="notice notice--warning">
          Dolt för medlemmar{post.hiddenReason ? `: ${post.hiddenReason}` : "."} Du ser texten eftersom du är moderator.
        </p>
      ) : null}
      {post.rawText !== null ? (
        <>
          <p className="notice notice--warning">{UNRENDERABLE_POST_PLACEHOLDER} Du ser texten som den skrevs eftersom du är moderator.</p>
          <pre className="revision">{post.rawText}</pre>
        </>
      ) : (
        <Markdown html={post.html} placeholder={UNRENDERABLE_POST_PLACEHOLDER} />
      )}
    </>
  );
}

function PostActions({
  post,
  viewer,
  voted,
  hiddenFields,
  accept,
}: {
  post: ShownPost;
  viewer: Viewer;
  voted: boolean;
  hiddenFields: JSX.Element;
  accept?: { allowed: boolean; accepted: boolean };
}) {
  const own = viewer?.id === post.author.id;
  const votes = `${post.voteCount} ${post.voteCount === 1 ? "röst" : "röster"}`;
  return (
    <div className="post__actions">
      {post.kind !== "comment" ? <span className="post__votes">{votes}</span> : null}
      {viewer && !own && post.kind !== "comment" && !post.hidden ? (
        <Form method="post" className="inline-form">
          {hiddenFields}
          <input type="hidden" name="postId" value={post.id} />
          <button type="submit" name="intent" value="vote" className="button button--small button--secondary" aria-pressed={voted}>
            {voted ? "Ta tillbaka din röst" : "Rösta upp"}
            <span className="visually-hidden"> på inlägget av {post.author.name}</span>
          </button>
        </Form>
      ) : null}
      {accept?.allowed && !post.hidden ? (
        <Form method="post" className="inline-form">
          {hiddenFields}
          <input type="hidden" name="postId" value={post.id} />
          <button type="submit" name="intent" value="accept" className="button button--small button--secondary">
            {accept.accepted ? "Ta bort markeringen som accepterat svar" : "Markera som accepterat svar"}
          </button>
        </Form>
      ) : null}
      {own && !post.hidden ? <Link to={editPostHref(post.id)}>Redigera</Link> : null}
      {viewer?.isModerator && post.editedAt ? <Link to={postHistoryHref(post.id)}>Visa ändringshistorik</Link> : null}
      {viewer && !own && !post.hidden ? <Link to={flagPostHref(post.id)}>Flagga</Link> : null}
      {viewer?.isModerator ? <Link to={moderatePostHref(post.id)}>Moderera inlägget</Link> : null}
    </div>
  );
}

function CommentForm({ answer, hiddenFields, actionData }: { answer: ShownAnswer; hiddenFields: JSX.Element; actionData: ActionResult | undefined }) {
  const mine = actionData?.intent === "comment" && actionData.target === answer.id;
  const name = `kommentar-${answer.id}`;
  return (
    <details className="comment-form" open={mine || undefined}>
      <summary>Kommentera svaret</summary>
      <Form method="post">
        {hiddenFields}
        <input type="hidden" name="parentId" value={answer.id} />
        {mine && actionData.errors.form ? (
          <p className="field__error" role="alert">
            {actionData.errors.form}
          </p>
        ) : null}
        <div className={`field${mine && actionData.errors.body ? " field--error" : ""}`}>
          <label htmlFor={name}>Kommentar (högst {COMMENT_MAX} tecken)</label>
          {mine && actionData.errors.body ? (
            <span className="field__error" id={`${name}-error`} role="alert">
              <span className="visually-hidden">Fel: </span>
              {actionData.errors.body}
            </span>
          ) : null}
          <textarea
            id={name}
            name="body"
            rows={3}
            maxLength={COMMENT_MAX}
            defaultValue={mine ? actionData.values.body : undefined}
            aria-invalid={mine && actionData.errors.body ? true : undefined}
            aria-describedby={mine && actionData.errors.body ? `${name}-error` : undefined}
          />
        </div>
        <button type="submit" name="intent" value="comment" className="button button--small">
          Skicka kommentaren
        </button>
      </Form>
    </details>
  );
}

function Answer({
  answer,
  data,
  hiddenFields,
  actionData,
  isAccepted,
}: {
  answer: ShownAnswer;
  data: LoaderData;
  hiddenFields: JSX.Element;
  actionData: ActionResult | undefined;
  isAccepted: boolean;
}) {
  const { viewer, thread } = data;
  const canAccept = !!viewer && (viewer.id === thread.authorId || viewer.isModerator);
  const canWrite = !!viewer?.verified && !thread.locked && !answer.hidden;
  const actionError = actionData && actionData.intent !== "comment" && actionData.target === answer.id ? actionData.errors.form : null;
  return (
    <article id={postAnchor(answer.id)} className={`post post--answer${isAccepted ? " post--accepted" : ""}${answer.hidden ? " post--hidden" : ""}`} aria-label={`Svar från ${answer.author.name}`}>
      {isAccepted ? <p className="badge badge--answered">Accepterat svar</p> : null}
      <Author post={answer} />
      <Body post={answer} />
      {actionError ? (
        <p className="notice notice--error" role="alert">
          {actionError}
        </p>
      ) : null}
      <PostActions
        post={answer}
        viewer={viewer}
        voted={data.votedPostIds.includes(answer.id)}
        hiddenFields={hiddenFields}
        accept={{ allowed: canAccept, accepted: isAccepted }}
      />
      {answer.comments.length ? (
        <ul className="comments" aria-label={`Kommentarer till svaret från ${answer.author.name}`}>
          {answer.comments.map((c) => (
            <li key={c.id} id={postAnchor(c.id)} className={`comment${c.hidden ? " post--hidden" : ""}`}>
              <Body post={c} />
              <Author post={c} />
              <PostActions post={c} viewer={viewer} voted={false} hiddenFields={hiddenFields} />
            </li>
          ))}
        </ul>
      ) : null}
      {canWrite ? <CommentForm answer={answer} hiddenFields={hiddenFields} actionData={actionData} /> : null}
    </article>
  );
}

export default function ThreadPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { thread, question, accepted, answers, page, pageCount, sort, viewer } = data;
  const href = threadHref(thread);
  const hiddenFields = (
    <>
      <input type="hidden" name="svar" value={sort} />
      <input type="hidden" name="sida" value={page} />
    </>
  );
  const answerErrors = actionData?.intent === "answer" ? actionData.errors : undefined;
  const generalError = actionData && !actionData.target && actionData.intent !== "answer" ? actionData.errors.form : null;
  const questionError = actionData && question && actionData.target === question.id ? actionData.errors.form : null;
  const [searchParams] = useSearchParams();
  return (
    <>
      <Breadcrumbs
        items={[
          { to: DISCUSSIONS_HREF, label: "Diskussioner" },
          { to: categoryHref(thread.category), label: thread.category.name },
        ]}
        current={thread.title}
      />
      <div className="page-header">
        <h1>{thread.title}</h1>
        <p className="thread-list__badges">
          {thread.pinned ? <span className="badge">Fäst</span> : null}
          {thread.locked ? <span className="badge badge--muted">Låst</span> : null}
          {thread.acceptedPostId ? <span className="badge badge--answered">Besvarad</span> : null}
          {thread.hidden ? <span className="badge badge--muted">Dold för medlemmar</span> : null}
        </p>
        <p className="page-header__meta">
          {answerCountLabel(thread.answerCount)} · Senaste aktivitet <DateTime value={thread.lastActivityAt} />
          {thread.case ? (
            <>
              {" · "}Om caset <Link to={caseHref(thread.case)}>{thread.case.title}</Link>
            </>
          ) : null}
          {thread.event ? (
            <>
              {" · "}Om forumet <Link to={eventHref(thread.event)}>{thread.event.title}</Link>
            </>
          ) : null}
        </p>
        <TagList tags={thread.tags} />
        {viewer?.isModerator ? (
          <p>
            <Link to={moderateThreadHref(thread.id)}>Moderera tråden</Link> (lås, fäst, flytta, slå ihop)
          </p>
        ) : null}
      </div>

      {searchParams.has(FLAGGED_PARAM) ? (
        <p className="notice notice--success" role="status">
          {FLAGGED_NOTICE}
        </p>
      ) : null}
      {generalError ? (
        <p className="notice notice--error" role="alert">
          {generalError}
        </p>
      ) : null}

      {question ? (
        <article id={postAnchor(question.id)} className={`post post--question${question.hidden ? " post--hidden" : ""}`} aria-labelledby="fragan">
          <h2 id="fragan" className="visually-hidden">
            Frågan
          </h2>
          <Author post={question} />
          <Body post={question} />
          {questionError ? (
            <p className="notice notice--error" role="alert">
              {questionError}
            </p>
          ) : null}
          <PostActions post={question} viewer={viewer} voted={data.votedPostIds.includes(question.id)} hiddenFields={hiddenFields} />
        </article>
      ) : null}

      <section aria-labelledby="svar-rubrik" className="answers">
        <h2 id="svar-rubrik">{answerCountLabel(thread.answerCount)}</h2>
        {thread.answerCount > 1 ? (
          <p className="answers__sort">
            Sortera svaren:{" "}
            {Object.entries(ANSWER_SORTS).map(([value, label], i) => (
              <span key={value}>
                {i > 0 ? " · " : ""}
                {value === sort ? (
                  <strong aria-current="true">{label}</strong>
                ) : (
                  <Link to={`${href}${pageQuery(value as AnswerSort, 1)}#svar-rubrik`}>{label}</Link>
                )}
              </span>
            ))}
          </p>
        ) : null}
        {accepted && page === 1 ? (
          <Answer answer={accepted} data={data} hiddenFields={hiddenFields} actionData={actionData} isAccepted />
        ) : null}
        {answers.map((answer) => (
          <Answer key={answer.id} answer={answer} data={data} hiddenFields={hiddenFields} actionData={actionData} isAccepted={false} />
        ))}
        <Pagination page={page} pageCount={pageCount} href={(p) => `${href}${pageQuery(sort, p)}#svar-rubrik`} label="Sidor med svar" />
      </section>

      <section aria-labelledby="svara" className="answer-form">
        <h2 id="svara">Ditt svar</h2>
        {thread.locked ? (
          <div className="notice notice--warning" role="status">
            <p>{LOCKED_THREAD_MESSAGE}</p>
          </div>
        ) : !viewer ? (
          <p>
            <Link to={loginHref(href)}>Logga in</Link> för att svara. Konton är till för
            anställda i kommuner och regioner.
          </p>
        ) : !viewer.verified ? (
          <div className="notice notice--warning">
            <p>
              Bekräfta din e-postadress innan du svarar. <Link to="/profil">Gå till din profil</Link> för att få en ny länk.
            </p>
          </div>
        ) : (
          <>
            <ErrorSummary errors={answerErrors} labels={{ body: "Svar" }} />
            <Form method="post" noValidate>
              {hiddenFields}
              <TextArea
                name="body"
                label="Svar"
                hint="Berätta hur ni gjorde, vad det kostade i tid och vad du skulle göra annorlunda. Du kan använda Markdown."
                rows={8}
                defaultValue={answerErrors ? actionData?.values.body : undefined}
                error={answerErrors?.body}
                required
              />
              <MarkdownHelp />
              <SubmitButton name="intent" value="answer" pendingText="Skickar svaret…">
                Skicka svaret
              </SubmitButton>
            </Form>
          </>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
