import { json } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { PageHeader } from "~/components/page-header";
import { TagList } from "~/components/tag-list";
import { listPublishedRecordings, listRecordingTags } from "~/models/recording.server";
import { eventHref, recordingsTaggedHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { formatDuration } from "~/utils/video";

export const meta: MetaFunction = () => pageMeta("Inspelningar", "Se tidigare forum i efterhand, med kapitel och material. Filtrera på område.");

export async function loader({ request }: LoaderFunctionArgs) {
  const wanted = new URL(request.url).searchParams.get("omrade") ?? "";
  const tags = await listRecordingTags();
  // Only a tag that exists filters; anything else shows the whole archive.
  const active = tags.find((t) => t.slug === wanted) ?? null;
  const recordings = await listPublishedRecordings({ tagSlug: active?.slug });
  return json({ tags, active, recordings });
}

export default function Recordings() {
  const { tags, active, recordings } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Inspelningar" lead="Missade du ett forum? Här kan du se de inspelade forumen i efterhand, det senaste först." />
      {tags.length ? (
        <Form method="get" className="inline-form" aria-label="Filtrera inspelningarna">
          <div className="field">
            <label htmlFor="omrade">Område</label>
            <select id="omrade" name="omrade" defaultValue={active?.slug ?? ""}>
              <option value="">Alla områden</option>
              {tags.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            Visa
          </button>
        </Form>
      ) : null}
      {recordings.length ? (
        <>
          <h2 className="result-count">
            {recordings.length === 1 ? "1 inspelning" : `${recordings.length} inspelningar`}
            {active ? ` inom ${active.name}` : ""}
          </h2>
          <ul className="cards">
            {recordings.map((r) => (
              <li className="card" key={r.id}>
                <h3>
                  <Link to={`${eventHref(r.event)}#inspelning`}>{r.event.title}</Link>
                </h3>
                <p className="card__meta">
                  <DateTime value={r.event.startsAt} format="short" />
                  {r.durationSeconds ? ` · ${formatDuration(r.durationSeconds)}` : ""}
                  {r.chapterCount ? ` · ${r.chapterCount} kapitel` : ""}
                  {r.materialCount ? ` · material finns` : ""}
                </p>
                {r.event.summary ? <p>{r.event.summary}</p> : null}
                <TagList tags={r.event.tags} label="Områden" hrefFor={recordingsTaggedHref} />
              </li>
            ))}
          </ul>
        </>
      ) : active ? (
        <EmptyState title={`Det finns inga inspelningar inom ${active.name} än.`}>
          <p>
            <Link to="/inspelningar">Visa alla inspelningar</Link>.
          </p>
        </EmptyState>
      ) : (
        <EmptyState title="Det finns inga inspelningar att visa än.">
          <p>
            Inspelningar publiceras här efter varje forum. Vill du se det senaste forumet i efterhand? <Link to="/kontakt">Fråga forumansvarig</Link>. Du kan
            också se <Link to="/forum">kommande forum</Link>.
          </p>
        </EmptyState>
      )}
    </>
  );
}
