import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { ErrorSummary, SubmitButton, TextArea, fieldId } from "~/components/forms";
import { flagPost, getPostForFlagging } from "~/models/flag.server";
import { requireVerifiedUser } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { parseForm } from "~/utils/forms";
import { badRequest, requireParam, tooManyAttempts } from "~/utils/http.server";
import { DISCUSSIONS_HREF, threadHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { FLAG_REASON_LABELS, FLAG_REASONS, FLAGGED_PARAM } from "~/utils/flags";
import { checkRateLimit } from "~/models/rate-limit.server";
import { flagSchema } from "~/validation/moderation";

export const meta: MetaFunction = () => pageMeta("Flagga ett inlägg", "Be en moderator titta på ett inlägg som bryter mot reglerna.");

async function load(params: LoaderFunctionArgs["params"]) {
  const post = await getPostForFlagging(requireParam(params, "postId", "id", "Inlägget finns inte."));
  if (!post || post.thread.hiddenAt || post.thread.mergedIntoId) throw new Response("Inlägget finns inte.", { status: 404 });
  return post;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const post = await load(params);
  const excerpt = post.bodyMd.replace(/\s+/g, " ").trim();
  return json({
    post: {
      id: post.id,
      kind: post.kind,
      excerpt: excerpt.length > 300 ? `${excerpt.slice(0, 299)}…` : excerpt,
      createdAt: post.createdAt,
      authorName: post.author && !post.author.deletedAt ? post.author.name : "En tidigare medlem",
      hidden: post.hiddenAt !== null,
      own: post.authorId === user.id,
    },
    thread: { href: threadHref(post.thread), title: post.thread.title },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const post = await load(params);
  const limit = await checkRateLimit("flagUser", user.id);
  if (!limit.allowed) return tooManyAttempts(limit, {}, "reason");
  const parsed = parseForm(flagSchema, await readFormData(request));
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const result = await flagPost(user.id, post.id, parsed.data.reason, parsed.data.note);
  if (!result.ok) return badRequest({ [result.field]: result.message });
  return redirect(`${threadHref(post.thread)}?${FLAGGED_PARAM}=1#inlagg-${post.id}`);
}

export default function FlagPost() {
  const { post, thread } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  const values = actionData?.values;
  const what = post.kind === "question" ? "frågan" : post.kind === "answer" ? "svaret" : "kommentaren";
  return (
    <>
      <Breadcrumbs
        items={[
          { to: DISCUSSIONS_HREF, label: "Diskussioner" },
          { to: thread.href, label: thread.title },
        ]}
        current="Flagga inlägg"
      />
      <h1>Flagga ett inlägg</h1>
      <p className="lead">
        Flagga inlägg som är reklam, kränkande, innehåller personuppgifter eller på annat sätt inte hör hemma här. En moderator läser din flaggning. Den som
        skrev inlägget får inte veta att det var du.
      </p>
      <figure className="flag-excerpt">
        <figcaption>
          {post.authorName} skrev {what} <DateTime value={post.createdAt} />:
        </figcaption>
        <blockquote>{post.excerpt}</blockquote>
      </figure>
      {post.own ? (
        <div className="notice">
          <p>
            Det här är ditt eget inlägg, så du kan inte flagga det. <Link to={thread.href}>Tillbaka till tråden</Link>
          </p>
        </div>
      ) : post.hidden ? (
        <div className="notice">
          <p>
            Inlägget är redan dolt av en moderator. <Link to={thread.href}>Tillbaka till tråden</Link>
          </p>
        </div>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate>
            <fieldset className={`field${errors?.reason ? " field--error" : ""}`} aria-describedby={errors?.reason ? `${fieldId("reason")}-error` : undefined}>
              <legend>Varför ska en moderator titta på inlägget?</legend>
              {errors?.reason ? (
                <span className="field__error" id={`${fieldId("reason")}-error`}>
                  <span className="visually-hidden">Fel: </span>
                  {errors.reason}
                </span>
              ) : null}
              {FLAG_REASONS.map((reason, i) => (
                <div className="choice" key={reason}>
                  <input
                    type="radio"
                    name="reason"
                    value={reason}
                    id={i === 0 ? fieldId("reason") : `${fieldId("reason")}-${reason}`}
                    defaultChecked={values?.reason === reason}
                  />
                  <label htmlFor={i === 0 ? fieldId("reason") : `${fieldId("reason")}-${reason}`}>{FLAG_REASON_LABELS[reason]}</label>
                </div>
              ))}
            </fieldset>
            <TextArea
              name="note"
              label="Berätta mer (frivilligt)"
              hint="Till exempel vad i inlägget det gäller. Högst 500 tecken."
              maxLength={500}
              rows={4}
              defaultValue={values?.note}
              error={errors?.note}
            />
            <div className="button-row">
              <SubmitButton pendingText="Skickar…">Skicka flaggningen</SubmitButton>
              <Link to={thread.href}>Avbryt och gå tillbaka till tråden</Link>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
