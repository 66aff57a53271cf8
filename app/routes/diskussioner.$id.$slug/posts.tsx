import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { TextArea } from "~/components/forms";
import { Markdown } from "~/components/markdown";
import { VerifiedBadge } from "~/components/verified-badge";
import { COMMENT_MAX, HIDDEN_POST_PLACEHOLDER, UNRENDERABLE_POST_PLACEHOLDER } from "~/utils/discussion";
import { formatRelative } from "~/utils/format";
import type { FormFailure } from "~/utils/forms";
import { editPostHref, flagPostHref, moderatePostHref, municipalityHref, postAnchor, postHistoryHref } from "~/utils/links";
import type { loader } from "./route";

/** The posts of a thread page: a post's author line, its text, its buttons, and an answer with its comments. */

export type LoaderData = SerializeFrom<typeof loader>;
type Viewer = LoaderData["viewer"];
type ShownAnswer = LoaderData["answers"][number];
type ShownPost = Omit<ShownAnswer, "comments">;

export function Author({ post }: { post: ShownPost }) {
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

export function Body({ post }: { post: ShownPost }) {
  if (post.hidden && post.html === null && !post.unrenderable) return <p className="post__placeholder">{HIDDEN_POST_PLACEHOLDER}</p>;
  return (
    <>
      {post.hidden ? (
        <p className="notice notice--warning">Dolt för medlemmar{post.hiddenReason ? `: ${post.hiddenReason}` : "."} Du ser texten eftersom du är moderator.</p>
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

export function PostActions({
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

/** One comment form under each answer: the field's id names the answer, so the label and error find their own field. */
function CommentForm({ answer, hiddenFields, failure }: { answer: ShownAnswer; hiddenFields: JSX.Element; failure: FormFailure | undefined }) {
  const mine = failure?.intent === "comment" && failure.target === answer.id ? failure : undefined;
  return (
    <details className="comment-form" open={mine ? true : undefined}>
      <summary>Kommentera svaret</summary>
      <Form method="post">
        {hiddenFields}
        <input type="hidden" name="parentId" value={answer.id} />
        {mine?.errors.form ? (
          <p className="field__error" role="alert">
            {mine.errors.form}
          </p>
        ) : null}
        <TextArea
          id={`kommentar-${answer.id}`}
          name="body"
          label={`Kommentar (högst ${COMMENT_MAX} tecken)`}
          rows={3}
          maxLength={COMMENT_MAX}
          defaultValue={mine?.values.body}
          error={mine?.errors.body}
          alert
        />
        <button type="submit" name="intent" value="comment" className="button button--small">
          Skicka kommentaren
        </button>
      </Form>
    </details>
  );
}

export function Answer({
  answer,
  data,
  hiddenFields,
  failure,
  isAccepted,
}: {
  answer: ShownAnswer;
  data: LoaderData;
  hiddenFields: JSX.Element;
  failure: FormFailure | undefined;
  isAccepted: boolean;
}) {
  const { viewer, thread } = data;
  const canAccept = !!viewer && (viewer.id === thread.authorId || viewer.isModerator);
  const canWrite = !!viewer?.verified && !thread.locked && !answer.hidden;
  const actionError = failure && failure.intent !== "comment" && failure.target === answer.id ? failure.errors.form : null;
  return (
    <article
      id={postAnchor(answer.id)}
      className={`post post--answer${isAccepted ? " post--accepted" : ""}${answer.hidden ? " post--hidden" : ""}`}
      aria-label={`Svar från ${answer.author.name}`}
    >
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
      {canWrite ? <CommentForm answer={answer} hiddenFields={hiddenFields} failure={failure} /> : null}
    </article>
  );
}
