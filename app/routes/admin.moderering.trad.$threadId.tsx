import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { ErrorSummary, SelectField, SubmitButton, TextField } from "~/components/forms";
import { getThreadForModeration, mergeThreads, moveThread, setThreadState } from "~/models/moderation.server";
import { requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { formValues, parseForm } from "~/utils/forms";
import { badRequest, requireParam } from "~/utils/http.server";
import { moderateThreadHref, MODERATION_QUEUE_HREF, threadHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { threadIdFromInput, threadModerationSchema } from "~/validation/moderation";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = () => pageMeta("Moderera tråd", "Lås, fäst, flytta, slå ihop eller dölj en diskussionstråd.");

const SAVED: Record<string, string> = {
  lock: "Tråden är låst. Ingen kan svara förrän den låses upp.",
  unlock: "Tråden är upplåst.",
  pin: "Tråden är fäst överst i sin kategori.",
  unpin: "Tråden är inte längre fäst.",
  move: "Tråden är flyttad.",
  hide: "Tråden är dold.",
  unhide: "Tråden syns igen.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "moderator");
  const data = await getThreadForModeration(requireParam(params, "threadId", "id", "Tråden finns inte."));
  if (!data) throw new Response("Tråden finns inte.", { status: 404 });
  const { thread, categories } = data;
  return json({
    thread: {
      ...thread,
      href: threadHref(thread),
      mergedInto: thread.mergedInto ? { ...thread.mergedInto, href: threadHref(thread.mergedInto) } : null,
      mergedFrom: thread.mergedFrom.map((t) => ({ ...t, href: threadHref(t) })),
    },
    categories,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireRole(request, "moderator");
  const threadId = requireParam(params, "threadId", "id", "Tråden finns inte.");
  const data = await getThreadForModeration(threadId);
  if (!data) throw new Response("Tråden finns inte.", { status: 404 });
  const form = await readFormData(request);
  const values = formValues(form);
  const parsed = parseForm(threadModerationSchema, form);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const { intent, reason } = parsed.data;

  if (intent === "merge") {
    const targetId = threadIdFromInput(parsed.data.target);
    if (!targetId) return badRequest({ target: "Klistra in adressen till tråden, eller dess id." }, values);
    const result = await mergeThreads(actor.id, threadId, targetId, reason);
    if (!result.ok) return badRequest({ [result.field]: result.message }, values);
    return redirect(`${moderateThreadHref(threadId)}?sparat=merge`);
  }
  const result =
    intent === "move" ? await moveThread(actor.id, threadId, parsed.data.categoryId, reason) : await setThreadState(actor.id, threadId, intent, reason);
  if (!result.ok) return badRequest({ [result.field === "intent" ? "reason" : result.field]: result.message }, values);
  return redirect(`${moderateThreadHref(threadId)}?sparat=${intent}`);
}

export default function ModerateThread() {
  const { thread, categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const savedKey = searchParams.get("sparat") ?? "";
  const saved = savedKey === "merge" ? "Trådarna är sammanslagna." : SAVED[savedKey];
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
  const merged = thread.mergedInto;
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB, { to: MODERATION_QUEUE_HREF, label: "Moderering" }]} current="Tråd" />
      <h1>Moderera tråd</h1>
      <p className="lead">
        <Link to={thread.href}>{thread.title}</Link> i {thread.category.name}
        {thread.author ? `, startad av ${thread.author.name}` : ""} <DateTime value={thread.createdAt} />.
      </p>
      {saved ? (
        <div className="notice notice--success" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />

      <ul className="stat-list">
        <li>
          <strong>{thread.answerCount}</strong> svar
        </li>
        <li>
          <strong>{thread._count.posts}</strong> inlägg totalt
        </li>
        <li>
          <strong>{thread._count.followers}</strong> bevakar
        </li>
      </ul>
      <p>
        Läge: {thread.locked ? "låst" : "öppen för svar"}, {thread.pinned ? "fäst överst" : "inte fäst"}, {thread.hiddenAt ? "dold" : "synlig"}. Senaste
        aktivitet <DateTime value={thread.lastActivityAt} />.
      </p>
      {thread.mergedFrom.length ? (
        <p>
          Sammanslagna hit:{" "}
          {thread.mergedFrom.map((t, i) => (
            <span key={t.id}>
              {i ? ", " : ""}
              {t.title}
            </span>
          ))}
          .
        </p>
      ) : null}

      {merged ? (
        <div className="notice">
          <p>
            Tråden är sammanslagen med <Link to={merged.href}>{merged.title}</Link>. Moderera den i stället:{" "}
            <Link to={moderateThreadHref(merged.id)}>moderera {merged.title}</Link>.
          </p>
        </div>
      ) : (
        <>
          <section className="section" aria-labelledby="lage">
            <h2 id="lage">Lås, fäst eller dölj</h2>
            <Form method="post" noValidate>
              <TextField
                name="reason"
                label="Motivering"
                hint="Sparas i loggen tillsammans med ditt namn."
                maxLength={500}
                defaultValue={values.reason}
                error={errors?.reason}
              />
              <div className="button-row">
                <SubmitButton name="intent" value={thread.locked ? "unlock" : "lock"} secondary pendingText="Sparar…">
                  {thread.locked ? "Lås upp tråden" : "Lås tråden"}
                </SubmitButton>
                <SubmitButton name="intent" value={thread.pinned ? "unpin" : "pin"} secondary pendingText="Sparar…">
                  {thread.pinned ? "Sluta fästa tråden" : "Fäst tråden överst"}
                </SubmitButton>
                <SubmitButton name="intent" value={thread.hiddenAt ? "unhide" : "hide"} secondary pendingText="Sparar…">
                  {thread.hiddenAt ? "Visa tråden igen" : "Dölj hela tråden"}
                </SubmitButton>
              </div>
            </Form>
          </section>

          <section className="section" aria-labelledby="flytta">
            <h2 id="flytta">Flytta till en annan kategori</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="move" />
              <SelectField name="categoryId" label="Ny kategori" defaultValue={values.categoryId ?? thread.category.id} error={errors?.categoryId}>
                {categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </SelectField>
              <div className="field">
                <label htmlFor="flytta-motivering">Motivering för flytten</label>
                <input id="flytta-motivering" name="reason" type="text" maxLength={500} required />
              </div>
              <SubmitButton pendingText="Flyttar…">Flytta tråden</SubmitButton>
            </Form>
          </section>

          <section className="section" aria-labelledby="sla-ihop">
            <h2 id="sla-ihop">Slå ihop med en annan tråd</h2>
            <p>
              Använd när samma fråga har ställts två gånger. Alla inlägg härifrån flyttas till den andra tråden. Frågan här blir ett svar där, med rubriken
              överst, och de som bevakar den här tråden bevakar den andra i stället. Den andra trådens godkända svar behålls. Det går inte att ångra.
            </p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="merge" />
              <TextField
                name="target"
                label="Tråden att slå ihop med"
                hint="Klistra in trådens adress eller dess id."
                maxLength={500}
                defaultValue={values.target}
                error={errors?.target}
              />
              <div className="field">
                <label htmlFor="sla-ihop-motivering">Motivering för sammanslagningen</label>
                <input id="sla-ihop-motivering" name="reason" type="text" maxLength={500} required />
              </div>
              <SubmitButton pendingText="Slår ihop…">Slå ihop trådarna</SubmitButton>
            </Form>
          </section>
        </>
      )}
    </>
  );
}
