import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { SubmitButton } from "~/components/forms";
import { getWatchSettings, saveSubscriptions, unfollowThread } from "~/models/discussion-watch.server";
import { requireUser } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { parseForm } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { DISCUSSIONS_HREF, threadHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () => pageMeta("Mina bevakningar", "Trådar och kategorier du bevakar, och veckans sammanfattning.");

const SAVED: Record<string, string> = {
  sparat: "Dina val för kategorier, veckans sammanfattning och omnämnanden är sparade.",
  slutat: "Du bevakar inte längre tråden.",
};

const subscriptionsSchema = z.object({
  categoryIds: z.array(z.string().max(64)).max(100).default([]),
  weeklyDigest: z.literal("on").optional(),
  mentionEmails: z.literal("on").optional(),
});
const unfollowSchema = z.object({ threadId: z.string().trim().min(1, "Välj en tråd.").max(64) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const settings = await getWatchSettings(user.id);
  return json({ ...settings, follows: settings.follows.map((t) => ({ ...t, href: threadHref(t) })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "unfollow") {
    const parsed = parseForm(unfollowSchema, form);
    if (!parsed.ok) return badRequest(parsed.errors);
    await unfollowThread(user.id, parsed.data.threadId);
    return redirect("/profil/bevakningar?klart=slutat");
  }
  if (intent === "subscriptions") {
    const parsed = parseForm(subscriptionsSchema, form, ["categoryIds"]);
    if (!parsed.ok) return badRequest({ categoryIds: "Välj kategorierna i listan." });
    await saveSubscriptions(user.id, {
      categoryIds: parsed.data.categoryIds,
      weeklyDigest: parsed.data.weeklyDigest === "on",
      mentionEmails: parsed.data.mentionEmails === "on",
    });
    return redirect("/profil/bevakningar?klart=sparat");
  }
  return badRequest({ form: "Okänd åtgärd." });
}

export default function Watches() {
  const { follows, categories, subscribedCategoryIds, weeklyDigest, mentionEmails, handle } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const saved = SAVED[searchParams.get("klart") ?? ""];
  return (
    <>
      <Breadcrumbs items={[{ to: "/profil", label: "Min profil" }]} current="Mina bevakningar" />
      <h1>Mina bevakningar</h1>
      <p className="lead">Välj vilka mejl du vill få om diskussionerna. Om en tråd du bevakar får nya inlägg får du högst ett mejl i timmen om den.</p>
      {saved ? (
        <div className="notice notice--success" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      {handle ? (
        <p>
          Ditt användarnamn är <strong>@{handle}</strong>. Skriver någon det i ett inlägg får du ett mejl, om du inte har stängt av det nedan.
        </p>
      ) : null}

      <section className="section" aria-labelledby="kategorier-och-sammanfattning">
        <h2 id="kategorier-och-sammanfattning">Kategorier, veckans sammanfattning och omnämnanden</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="subscriptions" />
          {categories.length ? (
            <fieldset className="field">
              <legend>Mejla mig när någon ställer en ny fråga i</legend>
              {categories.map((c) => (
                <div className="choice" key={c.id}>
                  <input type="checkbox" id={`kategori-${c.id}`} name="categoryIds" value={c.id} defaultChecked={subscribedCategoryIds.includes(c.id)} />
                  <label htmlFor={`kategori-${c.id}`}>{c.name}</label>
                </div>
              ))}
            </fieldset>
          ) : (
            <p>Det finns inga kategorier än.</p>
          )}
          <fieldset className="field">
            <legend>Veckans sammanfattning</legend>
            <div className="choice">
              <input
                type="checkbox"
                id="veckosammanfattning"
                name="weeklyDigest"
                value="on"
                defaultChecked={weeklyDigest}
                aria-describedby="veckosammanfattning-hint"
              />
              <label htmlFor="veckosammanfattning">Skicka mig veckans nya trådar och frågor som väntar på svar</label>
            </div>
            <span className="field__hint" id="veckosammanfattning-hint">
              Kommer på måndagsmorgonen.
            </span>
          </fieldset>
          <fieldset className="field">
            <legend>När någon nämner dig</legend>
            <div className="choice">
              <input type="checkbox" id="omnamnanden" name="mentionEmails" value="on" defaultChecked={mentionEmails} aria-describedby="omnamnanden-hint" />
              <label htmlFor="omnamnanden">Mejla mig när någon skriver mitt användarnamn med @ i ett inlägg</label>
            </div>
            <span className="field__hint" id="omnamnanden-hint">
              Högst ett mejl per inlägg.
            </span>
          </fieldset>
          <SubmitButton pendingText="Sparar…">Spara mina val</SubmitButton>
        </Form>
      </section>

      <section className="section" aria-labelledby="tradar">
        <h2 id="tradar">Trådar du bevakar</h2>
        {follows.length ? (
          <ul className="watch-list">
            {follows.map((t) => (
              <li key={t.id}>
                <Link to={t.href}>{t.title}</Link>{" "}
                <span className="watch-list__meta">
                  ({t.category.name}, senast aktiv <DateTime value={t.lastActivityAt} />)
                </span>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="unfollow" />
                  <input type="hidden" name="threadId" value={t.id} />
                  <SubmitButton secondary pendingText="Slutar…">
                    Sluta bevaka<span className="visually-hidden"> {t.title}</span>
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="Du bevakar inga trådar.">
            <p>
              Du bevakar automatiskt trådar där du frågar eller svarar. <Link to={DISCUSSIONS_HREF}>Till diskussionerna</Link>
            </p>
          </EmptyState>
        )}
      </section>
    </>
  );
}
