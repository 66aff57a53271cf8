import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { Markdown } from "~/components/markdown";
import { dismissFlags, getPostForModeration, hidePost, unhidePost } from "~/models/moderation.server";
import { liftSuspension, suspendMember } from "~/models/suspension.server";
import { hasRole, requireRole } from "~/models/auth.server";
import { UNRENDERABLE_POST_PLACEHOLDER } from "~/utils/discussion";
import { readFormData } from "~/utils/form-data.server";
import { fromStockholmInputValue } from "~/utils/format";
import { formValues, parseForm } from "~/utils/forms";
import { badRequest, requireParam } from "~/utils/http.server";
import { moderatePostHref, MODERATION_QUEUE_HREF, threadHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { SuspendSection } from "./suspend";
import { parseFlagReason } from "~/utils/flags";
import type { Role } from "~/utils/roles";
import { postModerationSchema, suspendSchema } from "~/validation/moderation";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = () => pageMeta("Moderera inlägg", "Dölj eller visa ett inlägg, se dess historik och stäng av skribenten.");

const SAVED: Record<string, string> = {
  dolt: "Inlägget är dolt. Öppna flaggningar är avslutade.",
  visat: "Inlägget syns igen.",
  avfardat: "Flaggningarna är avfärdade.",
  avstangd: "Medlemmen är avstängd från att skriva.",
  upphavd: "Avstängningen är upphävd.",
};

async function load(params: LoaderFunctionArgs["params"]) {
  const post = await getPostForModeration(requireParam(params, "postId", "id", "Inlägget finns inte."));
  if (!post) throw new Response("Inlägget finns inte.", { status: 404 });
  return post;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, "moderator");
  const post = await load(params);
  const author = post.author;
  return json({
    post: {
      id: post.id,
      kind: post.kind,
      // The HTML stored when the post was written; without it, the text as written.
      html: post.bodyHtml,
      rawText: post.bodyHtml === null ? post.bodyMd : null,
      hiddenAt: post.hiddenAt,
      hiddenReason: post.hiddenReason,
      editedAt: post.editedAt,
      createdAt: post.createdAt,
    },
    thread: { id: post.thread.id, title: post.thread.title, href: threadHref(post.thread) },
    author:
      author && !author.deletedAt
        ? {
            id: author.id,
            name: author.name,
            role: author.role as Role,
            suspendedUntil: author.suspendedUntil && author.suspendedUntil > new Date() ? author.suspendedUntil : null,
            canSuspend: author.id !== actor.id && !hasRole({ role: author.role as Role }, actor.role),
          }
        : null,
    flags: post.flags.map((f) => ({
      id: f.id,
      ...parseFlagReason(f.reason),
      status: f.status,
      createdAt: f.createdAt,
      reporter: f.reporter?.name ?? "Borttagen medlem",
      resolvedBy: f.resolvedBy?.name ?? null,
    })),
    revisions: post.revisions.map((r) => ({ id: r.id, bodyMd: r.bodyMd, createdAt: r.createdAt, editor: r.editor?.name ?? "okänd" })),
  });
}

function suspensionEnd(period: string, until: string, now: Date): Date | null {
  if (period === "datum") return fromStockholmInputValue(`${until}T23:59`);
  return new Date(now.getTime() + Number(period) * 24 * 3600_000);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireRole(request, "moderator");
  const post = await load(params);
  const form = await readFormData(request);
  const intent = form.get("intent");
  const values = formValues(form);

  if (intent === "suspend" || intent === "lift") {
    const parsed = parseForm(suspendSchema, form);
    if (!parsed.ok) return badRequest(parsed.errors, values);
    if (!post.author || parsed.data.userId !== post.author.id) return badRequest({ suspendReason: "Du kan bara stänga av den som skrev inlägget härifrån." });
    let result;
    if (parsed.data.intent === "suspend") {
      const until = suspensionEnd(parsed.data.period!, parsed.data.until, new Date());
      if (!until) return badRequest({ until: "Skriv ett datum som finns, som ÅÅÅÅ-MM-DD." }, values);
      result = await suspendMember(actor, parsed.data.userId, until, parsed.data.suspendReason);
    } else {
      result = await liftSuspension(actor, parsed.data.userId, parsed.data.suspendReason);
    }
    if (!result.ok) return badRequest({ [result.field === "userId" ? "suspendReason" : result.field]: result.message }, values);
    return redirect(`${moderatePostHref(post.id)}?sparat=${parsed.data.intent === "suspend" ? "avstangd" : "upphavd"}`);
  }

  const parsed = parseForm(postModerationSchema, form);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const { reason } = parsed.data;
  const result =
    parsed.data.intent === "hide"
      ? await hidePost(actor.id, post.id, reason)
      : parsed.data.intent === "unhide"
        ? await unhidePost(actor.id, post.id, reason)
        : await dismissFlags(actor.id, post.id, reason);
  if (!result.ok) return badRequest({ reason: result.message }, values);
  const done = parsed.data.intent === "hide" ? "dolt" : parsed.data.intent === "unhide" ? "visat" : "avfardat";
  return redirect(`${moderatePostHref(post.id)}?sparat=${done}`);
}

export default function ModeratePost() {
  const { post, thread, author, flags, revisions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = SAVED[searchParams.get("sparat") ?? ""];
  // After each action the reason fields start empty: a hide reason must not become the unhide reason.
  const freshKey = `${post.hiddenAt ?? "synligt"}-${flags.filter((f) => f.status === "open").length}-${author?.suspendedUntil ?? "aktiv"}`;
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
  const openFlags = flags.filter((f) => f.status === "open").length;
  const kind = post.kind === "question" ? "Fråga" : post.kind === "answer" ? "Svar" : "Kommentar";
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB, { to: MODERATION_QUEUE_HREF, label: "Moderering" }]} current="Inlägg" />
      <h1>Moderera inlägg</h1>
      <p className="lead">
        {kind} av {author?.name ?? "en borttagen medlem"} i <Link to={thread.href}>{thread.title}</Link>, skrivet <DateTime value={post.createdAt} />
        {post.editedAt ? (
          <>
            , ändrat <DateTime value={post.editedAt} />
          </>
        ) : null}
        .
      </p>
      {saved ? (
        <div className="notice notice--success" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />

      {post.hiddenAt ? (
        <div className="notice notice--warning">
          <p>
            Inlägget är dolt sedan <DateTime value={post.hiddenAt} />
            {post.hiddenReason ? `. Motivering: ${post.hiddenReason}` : ""}. Andra ser bara en platshållare.
          </p>
        </div>
      ) : null}
      <section className="section" aria-labelledby="innehall">
        <h2 id="innehall">Inlägget</h2>
        <div className="mod-post">
          {post.rawText !== null ? (
            <>
              <p className="notice notice--warning">{UNRENDERABLE_POST_PLACEHOLDER} Här är texten som den skrevs.</p>
              <pre className="mod-revisions__body">{post.rawText}</pre>
            </>
          ) : (
            <Markdown html={post.html} />
          )}
        </div>
      </section>

      <section className="section" aria-labelledby="atgard">
        <h2 id="atgard">{post.hiddenAt ? "Visa inlägget igen" : "Dölj inlägget"}</h2>
        <Form method="post" noValidate key={freshKey}>
          <TextField
            name="reason"
            label="Motivering"
            hint="Sparas i loggen. Skribenten ser den inte."
            maxLength={500}
            required
            defaultValue={values.reason}
            error={errors?.reason}
          />
          <div className="button-row">
            {post.hiddenAt ? (
              <SubmitButton name="intent" value="unhide" pendingText="Visar…">
                Visa inlägget igen
              </SubmitButton>
            ) : (
              <SubmitButton name="intent" value="hide" pendingText="Döljer…">
                Dölj inlägget
              </SubmitButton>
            )}
            {openFlags ? (
              <SubmitButton secondary name="intent" value="dismiss" pendingText="Avfärdar…">
                Avfärda {openFlags === 1 ? "flaggningen" : `${openFlags} flaggningar`}
              </SubmitButton>
            ) : null}
          </div>
        </Form>
      </section>

      <section className="section" aria-labelledby="flaggningar">
        <h2 id="flaggningar">Flaggningar</h2>
        {flags.length ? (
          <ul className="mod-queue__flags">
            {flags.map((f) => (
              <li key={f.id}>
                <strong>{f.label}</strong>
                {f.note ? `: ”${f.note}”` : ""} – {f.reporter}, <DateTime value={f.createdAt} />.{" "}
                {f.status === "open" ? "Väntar på beslut." : `Hanterad${f.resolvedBy ? ` av ${f.resolvedBy}` : ""}.`}
              </li>
            ))}
          </ul>
        ) : (
          <p>Ingen har flaggat inlägget.</p>
        )}
      </section>

      <section className="section" aria-labelledby="historik">
        <h2 id="historik">Ändringshistorik</h2>
        {revisions.length ? (
          <ol className="mod-revisions">
            {revisions.map((r) => (
              <li key={r.id}>
                <details>
                  <summary>
                    Versionen före ändringen <DateTime value={r.createdAt} /> av {r.editor}
                  </summary>
                  <pre className="mod-revisions__body">{r.bodyMd}</pre>
                </details>
              </li>
            ))}
          </ol>
        ) : (
          <p>Inlägget har inte ändrats.</p>
        )}
      </section>

      {author ? <SuspendSection key={freshKey} author={author} errors={errors} values={values} /> : null}
    </>
  );
}
