import { Form, Link } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import type { ThreadRow } from "~/models/discussion.server";
import { THREAD_SORTS, type ThreadSort } from "~/utils/discussion";
import { formatRelative } from "~/utils/format";
import { answerCountLabel } from "~/utils/labels";
import { categoryHref, threadHref } from "~/utils/links";

/** A row of listThreads, as the loader sends it (dates may arrive as strings). */
export type ThreadListRow = Omit<ThreadRow, "createdAt" | "lastActivityAt"> & { lastActivityAt: string | Date };

/** Filter and sort form (GET, works without JavaScript). */
export function ThreadFilters({ action, sort, tag, tags }: { action: string; sort: ThreadSort; tag: string; tags: Array<{ slug: string; name: string }> }) {
  return (
    <Form method="get" action={action} className="filter-bar" aria-label="Filtrera trådar">
      <div className="field">
        <label htmlFor="tradar-ordning">Ordning</label>
        <select id="tradar-ordning" name="ordning" defaultValue={sort}>
          {Object.entries(THREAD_SORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="tradar-tagg">Tagg</label>
        <select id="tradar-tagg" name="tagg" defaultValue={tag}>
          <option value="">Alla taggar</option>
          {tags.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary">
        Visa trådar
      </button>
    </Form>
  );
}

function ThreadItem({ thread, showCategory }: { thread: ThreadListRow; showCategory: boolean }) {
  return (
    <li className={thread.pinned ? "thread-list__item--pinned" : undefined}>
      <Link to={threadHref(thread)} className="thread-list__title">
        {thread.title}
      </Link>
      <span className="thread-list__badges">
        {thread.pinned ? <span className="badge">Fäst</span> : null}
        {thread.locked ? <span className="badge badge--muted">Låst</span> : null}
        {thread.answered ? <span className="badge badge--answered">Besvarad</span> : null}
      </span>
      <span className="thread-list__meta">
        {[
          thread.authorMunicipality ? `Fråga från ${thread.authorMunicipality}` : null,
          answerCountLabel(thread.answerCount),
          thread.voteCount ? `${thread.voteCount} ${thread.voteCount === 1 ? "röst" : "röster"}` : null,
        ]
          .filter(Boolean)
          .join(" · ")}
        {" · "}
        Senaste aktivitet {formatRelative(thread.lastActivityAt)} (<DateTime value={thread.lastActivityAt} />)
        {showCategory ? (
          <>
            {" · "}
            <Link to={categoryHref(thread.category)}>{thread.category.name}</Link>
          </>
        ) : null}
      </span>
      {thread.tags.length ? <span className="thread-list__meta">Taggar: {thread.tags.map((t) => t.name).join(", ")}</span> : null}
    </li>
  );
}

export function ThreadList({
  pinned,
  threads,
  showCategory,
  nextHref,
  firstHref,
}: {
  pinned: ThreadListRow[];
  threads: ThreadListRow[];
  showCategory: boolean;
  nextHref: string | null;
  firstHref: string | null;
}) {
  return (
    <>
      {pinned.length ? (
        <ul className="thread-list" aria-label="Fästa trådar">
          {pinned.map((t) => (
            <ThreadItem key={t.id} thread={t} showCategory={showCategory} />
          ))}
        </ul>
      ) : null}
      {threads.length ? (
        <ul className="thread-list" aria-label="Trådar">
          {threads.map((t) => (
            <ThreadItem key={t.id} thread={t} showCategory={showCategory} />
          ))}
        </ul>
      ) : pinned.length ? null : (
        <p>Inga trådar matchar urvalet.</p>
      )}
      {nextHref || firstHref ? (
        <nav className="pagination" aria-label="Fler trådar">
          {firstHref ? <Link to={firstHref}>Till första sidan</Link> : null}
          {nextHref ? <Link to={nextHref}>Nästa sida</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

/** The list's URL with the given query (empty values left out). */
export function listHref(path: string, query: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
  return search ? `${path}?${search}` : path;
}
