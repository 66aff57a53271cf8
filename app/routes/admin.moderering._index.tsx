import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DateTime } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { ErrorSummary, fieldId, SubmitButton, TextField } from "~/components/forms";
import { dismissFlags, hidePost, listFlagQueue, listSuspendedMembers } from "~/models/moderation.server";
import { liftSuspension } from "~/models/suspension.server";
import { hasRole, requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { parseForm, rowFieldErrors } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { ADMIN_HREF, moderatePostHref, moderateThreadHref, MODERATION_QUEUE_HREF, threadHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { parseFlagReason } from "~/utils/flags";

export const meta: MetaFunction = () => pageMeta("Moderering", "Flaggade inlägg som väntar på en moderator, och avstängda medlemmar.");

const queueSchema = z.object({
  intent: z.enum(["hide", "dismiss", "lift"], { errorMap: () => ({ message: "Välj en åtgärd." }) }),
  id: z.string().trim().min(1, "Välj ett inlägg.").max(64),
  reason: z
    .string({ required_error: "Skriv en motivering." })
    .trim()
    .min(3, "Skriv en motivering med minst 3 tecken. Den sparas i loggen.")
    .max(500, "Motiveringen får ha högst 500 tecken."),
});

const SAVED: Record<string, string> = {
  dolt: "Inlägget är dolt och flaggningarna är avslutade.",
  avfardat: "Flaggningarna är avfärdade. Inlägget syns som förut.",
  upphavd: "Avstängningen är upphävd.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "moderator");
  const status = new URL(request.url).searchParams.get("status") === "hanterade" ? "resolved" : "open";
  const [queue, suspended] = await Promise.all([listFlagQueue(status), listSuspendedMembers()]);
  return json({
    status,
    isOrganizer: hasRole(user, "organizer"),
    queue: queue.map((p) => {
      const text = p.bodyMd.replace(/\s+/g, " ").trim();
      return {
        id: p.id,
        kind: p.kind,
        excerpt: text.length > 280 ? `${text.slice(0, 279)}…` : text,
        hidden: p.hiddenAt !== null,
        hiddenReason: p.hiddenReason,
        createdAt: p.createdAt,
        authorName: p.author && !p.author.deletedAt ? p.author.name : "Borttagen medlem",
        thread: { title: p.thread.title, href: threadHref(p.thread), id: p.thread.id },
        flags: p.flags.map((f) => ({
          id: f.id,
          ...parseFlagReason(f.reason),
          createdAt: f.createdAt,
          resolvedAt: f.resolvedAt,
          reporter: f.reporter?.name ?? "Borttagen medlem",
          resolvedBy: f.resolvedBy?.name ?? null,
        })),
      };
    }),
    suspended,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireRole(request, "moderator");
  const form = await readFormData(request);
  const parsed = parseForm(queueSchema, form);
  const id = typeof form.get("id") === "string" ? String(form.get("id")).slice(0, 64) : "";
  if (!parsed.ok) {
    return badRequest(rowFieldErrors(parsed.errors, id, ["reason"]), { id }, { target: id });
  }
  const { intent, reason } = parsed.data;
  const result =
    intent === "hide"
      ? await hidePost(actor.id, parsed.data.id, reason)
      : intent === "dismiss"
        ? await dismissFlags(actor.id, parsed.data.id, reason)
        : await liftSuspension(actor, parsed.data.id, reason);
  if (!result.ok) return badRequest({ [`reason-${id}`]: result.message }, { id }, { target: id });
  const done = intent === "hide" ? "dolt" : intent === "dismiss" ? "avfardat" : "upphavd";
  return redirect(`${MODERATION_QUEUE_HREF}?sparat=${done}`);
}

/** The reason asked for on every row of the queue: one field per row, all named reason. */
function ReasonField({ id, error, label }: { id: string; error?: string; label: string }) {
  return <TextField id={fieldId(`reason-${id}`)} name="reason" label={label} maxLength={500} required error={error} />;
}

export default function ModerationQueue() {
  const { status, queue, suspended, isOrganizer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = SAVED[searchParams.get("sparat") ?? ""];
  const errors = actionData?.errors;
  const kindLabel = (kind: string) => (kind === "question" ? "Fråga" : kind === "answer" ? "Svar" : "Kommentar");
  return (
    <>
      {isOrganizer ? (
        <nav aria-label="Du är här" className="breadcrumbs">
          <ol>
            <li>
              <Link to={ADMIN_HREF}>Arrangörsverktyg</Link>
            </li>
            <li aria-current="page">Moderering</li>
          </ol>
        </nav>
      ) : null}
      <h1>Moderering</h1>
      <p className="lead">
        Inlägg som medlemmar har flaggat. Dölj det som bryter mot reglerna, eller avfärda flaggningen. Allt du gör sparas i loggen med din motivering.
      </p>
      {saved ? (
        <div className="notice notice--success" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />

      <nav aria-label="Visa flaggningar" className="mod-filter">
        <ul>
          <li>
            <Link to={MODERATION_QUEUE_HREF} aria-current={status === "open" ? "page" : undefined}>
              Väntar på beslut
            </Link>
          </li>
          <li>
            <Link to={`${MODERATION_QUEUE_HREF}?status=hanterade`} aria-current={status === "resolved" ? "page" : undefined}>
              Hanterade
            </Link>
          </li>
        </ul>
      </nav>

      <section className="section" aria-labelledby="flaggade">
        <h2 id="flaggade">{status === "open" ? "Flaggade inlägg som väntar" : "Hanterade flaggningar"}</h2>
        {queue.length === 0 ? (
          <EmptyState title={status === "open" ? "Inga flaggade inlägg väntar." : "Inga hanterade flaggningar än."}>
            <p>När en medlem flaggar ett inlägg dyker det upp här.</p>
          </EmptyState>
        ) : (
          <ol className="mod-queue">
            {queue.map((post) => (
              <li key={post.id} className="mod-queue__item">
                <article aria-labelledby={`post-${post.id}`}>
                  <h3 id={`post-${post.id}`}>
                    {kindLabel(post.kind)} av {post.authorName} i <Link to={post.thread.href}>{post.thread.title}</Link>
                  </h3>
                  <p className="mod-queue__meta">
                    Skrivet <DateTime value={post.createdAt} />. {post.flags.length} {post.flags.length === 1 ? "flaggning" : "flaggningar"}
                    {post.hidden ? ". Inlägget är dolt" : ""}
                    {post.hidden && post.hiddenReason ? ` (${post.hiddenReason})` : ""}.
                  </p>
                  <blockquote className="mod-queue__excerpt">{post.excerpt}</blockquote>
                  <ul className="mod-queue__flags">
                    {post.flags.map((f) => (
                      <li key={f.id}>
                        <strong>{f.label}</strong>
                        {f.note ? `: ”${f.note}”` : ""} – {f.reporter}, <DateTime value={f.createdAt} />
                        {f.resolvedAt ? (
                          <>
                            {" "}
                            (hanterad <DateTime value={f.resolvedAt} />
                            {f.resolvedBy ? ` av ${f.resolvedBy}` : ""})
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                  {status === "open" ? (
                    <Form method="post" className="mod-queue__actions">
                      <input type="hidden" name="id" value={post.id} />
                      <ReasonField id={post.id} error={errors?.[`reason-${post.id}`]} label="Motivering (sparas i loggen)" />
                      <div className="button-row">
                        {post.hidden ? null : (
                          <SubmitButton name="intent" value="hide" pendingText="Döljer…">
                            Dölj inlägget
                          </SubmitButton>
                        )}
                        <SubmitButton secondary name="intent" value="dismiss" pendingText="Avfärdar…">
                          Avfärda flaggningarna
                        </SubmitButton>
                      </div>
                    </Form>
                  ) : null}
                  <p>
                    <Link to={moderatePostHref(post.id)}>Mer om inlägget: historik, visa igen, stäng av skribenten</Link>
                    {" · "}
                    <Link to={moderateThreadHref(post.thread.id)}>Moderera tråden</Link>
                  </p>
                </article>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="section" aria-labelledby="avstangda">
        <h2 id="avstangda">Avstängda medlemmar</h2>
        {suspended.length === 0 ? (
          <p>Ingen medlem är avstängd just nu. Du stänger av en medlem från sidan för ett av medlemmens inlägg.</p>
        ) : (
          <ul className="mod-suspended">
            {suspended.map((u) => (
              <li key={u.id}>
                <p>
                  <strong>{u.name}</strong> ({u.email}) är avstängd till <DateTime value={u.suspendedUntil!} />.
                </p>
                <Form method="post" className="mod-queue__actions">
                  <input type="hidden" name="id" value={u.id} />
                  <ReasonField id={u.id} error={errors?.[`reason-${u.id}`]} label={`Motivering för att häva avstängningen av ${u.name}`} />
                  <SubmitButton secondary name="intent" value="lift" pendingText="Häver…">
                    Häv avstängningen<span className="visually-hidden"> av {u.name}</span>
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
