import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton, TextArea } from "~/components/forms";
import { MarkdownHelp } from "~/components/markdown-help";
import { Pagination } from "~/components/pagination";
import { TagList } from "~/components/tag-list";
import { acceptAnswer, createAnswer, createComment, DiscussionError, enforcePostingLimits, threadRef, toggleVote } from "~/models/post.server";
import { getThreadPage, presentAnswer, presentPost } from "~/models/thread.server";
import { getOptionalUser, hasRole, requireVerifiedUser } from "~/models/auth.server";
import { ANSWER_SORTS, LOCKED_THREAD_MESSAGE, parseAnswerSort, type AnswerSort } from "~/utils/discussion";
import { readFormData } from "~/utils/form-data.server";
import { failureOf, parseForm } from "~/utils/forms";
import { answerCountLabel } from "~/utils/labels";
import {
  caseHref,
  categoryFeedHref,
  categoryHref,
  DISCUSSIONS_HREF,
  eventHref,
  loginHref,
  moderateThreadHref,
  postAnchor,
  threadHref,
  threadsTaggedHref,
} from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { Answer, Author, Body, PostActions } from "./posts";
import { SENT_PARAM, SentNotice } from "./sent";
import { CONFIRMATION_ID, useSentKey } from "~/components/form-success";
import { FLAGGED_NOTICE, FLAGGED_PARAM } from "~/utils/flags";
import { answerSchema, commentSchema, postIdSchema } from "~/validation/discussion";
import { badRequest, requireParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return pageMeta("Tråden finns inte", "Vi hittade ingen diskussionstråd på den adressen.");
  const { thread } = data;
  return [
    ...pageMeta(thread.title, `Fråga i ${thread.category.name}: ${answerCountLabel(thread.answerCount).toLowerCase()}.`),
    {
      tagName: "link",
      rel: "alternate",
      type: "application/atom+xml",
      title: `Diskussioner: ${thread.category.name}`,
      href: categoryFeedHref(thread.category),
    },
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
      if (!parsed.ok) return badRequest(parsed.errors, parsed.values, { intent });
      const limit = await enforcePostingLimits(user.id, parsed.data.body);
      if (limit) return badRequest({ body: limit }, { body: parsed.data.body }, { intent });
      const post = await createAnswer({ threadId, authorId: user.id, body: parsed.data.body });
      // The newest answer is last in date order; the loader clamps the page number.
      return back(CONFIRMATION_ID, `?svar=datum&sida=100000&${SENT_PARAM}=${post.id}`);
    }
    if (intent === "comment") {
      const parsed = parseForm(commentSchema, formData);
      const target = String(formData.get("parentId") ?? "").slice(0, 64);
      if (!parsed.ok) return badRequest(parsed.errors, parsed.values, { intent, target });
      const limit = await enforcePostingLimits(user.id, parsed.data.body);
      if (limit) return badRequest({ body: limit }, { body: parsed.data.body }, { intent, target });
      const post = await createComment({ parentId: parsed.data.parentId, authorId: user.id, body: parsed.data.body, threadId });
      return back(postAnchor(post.id));
    }
    if (intent === "vote" || intent === "accept") {
      const parsed = parseForm(postIdSchema, formData);
      if (!parsed.ok) return badRequest({ form: "Inlägget saknas." }, {}, { intent });
      const { postId } = parsed.data;
      if (intent === "vote") await toggleVote({ postId, userId: user.id, threadId });
      else await acceptAnswer({ postId, actorId: user.id, isModerator: hasRole(user, "moderator"), threadId });
      return back(postAnchor(postId));
    }
  } catch (error) {
    if (error instanceof DiscussionError) {
      const target = String(formData.get("parentId") ?? formData.get("postId") ?? "").slice(0, 64);
      return badRequest({ form: error.message }, {}, { intent, target, status: error.status });
    }
    throw error;
  }
  return badRequest({ form: "Okänd åtgärd. Ladda om sidan och försök igen." }, {}, { intent });
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
  const answerErrors = failureOf(actionData, "answer")?.errors;
  const generalError = actionData && !actionData.target && actionData.intent !== "answer" ? actionData.errors.form : null;
  const questionError = actionData && question && actionData.target === question.id ? actionData.errors.form : null;
  const [searchParams] = useSearchParams();
  const sent = useSentKey("answer");
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
        <TagList tags={thread.tags} hrefFor={threadsTaggedHref} />
        {viewer?.isModerator ? (
          <p>
            <Link to={moderateThreadHref(thread.id)}>Moderera tråden</Link> (lås, fäst, flytta, slå ihop)
          </p>
        ) : null}
      </div>

      {searchParams.get(SENT_PARAM) === "fraga" ? <SentNotice sent="fraga" focusKey={0} /> : null}
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
        {accepted && page === 1 ? <Answer answer={accepted} data={data} hiddenFields={hiddenFields} failure={actionData} isAccepted /> : null}
        {answers.map((answer) => (
          <Answer key={answer.id} answer={answer} data={data} hiddenFields={hiddenFields} failure={actionData} isAccepted={false} />
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
            <Link to={loginHref(href)}>Logga in</Link> för att svara. Konton är till för anställda i kommuner och regioner.
          </p>
        ) : !viewer.verified ? (
          <div className="notice notice--warning">
            <p>
              Bekräfta din e-postadress innan du svarar. <Link to="/profil">Gå till din profil</Link> för att få en ny länk.
            </p>
          </div>
        ) : (
          <>
            {answerErrors || searchParams.get(SENT_PARAM) === "fraga" ? null : <SentNotice sent={searchParams.get(SENT_PARAM)} focusKey={sent} />}
            <ErrorSummary errors={answerErrors} labels={{ body: "Svar" }} />
            <Form method="post" noValidate key={sent}>
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
