import { json } from "@remix-run/node";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { PageHeader } from "~/components/page-header";
import { listPublishedPolls } from "~/models/poll.server";
import { formatNumber } from "~/utils/format";
import { eventHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { countedResultRows, importedResultRows, type ResultRow } from "~/utils/poll-results";

export const meta: MetaFunction = () =>
  pageMeta("Undersökningar", "Resultat från frågorna som deltagarna har svarat på under forumen.");

export async function loader() {
  const polls = await listPublishedPolls();
  // Group the polls by forum, keeping the newest forum first.
  const forums: Array<{ slug: string; title: string; startsAt: Date; polls: Array<PollView> }> = [];
  for (const poll of polls) {
    let forum = forums.find((f) => f.slug === poll.event.slug);
    if (!forum) {
      forum = { ...poll.event, polls: [] };
      forums.push(forum);
    }
    const rows = poll.imported
      ? importedResultRows(poll.options)
      : countedResultRows(poll.options, poll.respondents, poll.multipleChoice);
    forum.polls.push({
      id: poll.id,
      question: poll.question,
      imported: poll.imported,
      multipleChoice: poll.multipleChoice,
      respondents: poll.imported ? null : poll.respondents,
      rows,
      resultNote: poll.resultNote,
    });
  }
  return json({ forums });
}

type PollView = {
  id: string;
  question: string;
  imported: boolean;
  multipleChoice: boolean;
  respondents: number | null;
  rows: ResultRow[] | null;
  resultNote: string;
};

export default function Polls() {
  const { forums } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Undersökningar"
        lead="Under forumen svarar deltagarna på korta frågor. Här ser du resultaten, forum för forum."
      />
      {forums.length ? (
        forums.map((forum) => (
          <section key={forum.slug} className="section" aria-labelledby={`forum-${forum.slug}`}>
            <h2 id={`forum-${forum.slug}`}>{forum.title}</h2>
            <p className="muted">
              <DateTime value={forum.startsAt} format="date" /> · <Link to={eventHref(forum)}>Om forumet</Link>
            </p>
            {forum.polls.map((poll) => (
              <PollResult key={poll.id} poll={poll} />
            ))}
          </section>
        ))
      ) : (
        <EmptyState title="Inga resultat är publicerade än.">
          <p>
            Resultaten visas här när forumansvarig har publicerat dem efter ett forum. Se <Link to="/forum">kommande forum</Link>{" "}
            om du vill vara med och svara nästa gång.
          </p>
        </EmptyState>
      )}
    </>
  );
}

function PollResult({ poll }: { poll: PollView }) {
  const headingId = `fraga-${poll.id}`;
  return (
    <div className="poll-result">
      <h3 id={headingId}>{poll.question}</h3>
      {poll.rows ? (
        <>
          <div className="table-scroll">
            <table aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">Svar</th>
                  {poll.respondents !== null ? (
                    <th scope="col" className="num">
                      Antal
                    </th>
                  ) : null}
                  <th scope="col" className="num">
                    Andel
                  </th>
                  <th scope="col" className="poll-bar-cell">
                    <span className="visually-hidden">Stapel</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {poll.rows.map((row) => (
                  <tr key={row.label} className={row.notReported ? "poll-row--missing" : undefined}>
                    <th scope="row">{row.label}</th>
                    {poll.respondents !== null ? <td className="num">{formatNumber(row.count ?? 0)}</td> : null}
                    <td className="num">{formatNumber(row.percent)} %</td>
                    <td className="poll-bar-cell">
                      <svg className="poll-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                        <rect className="poll-bar__track" x="0" y="0" width="100" height="10" />
                        <rect
                          className={row.notReported ? "poll-bar__value poll-bar__value--missing" : "poll-bar__value"}
                          x="0"
                          y="0"
                          width={Math.min(100, row.percent)}
                          height="10"
                        />
                      </svg>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">
            {poll.respondents !== null
              ? `${formatNumber(poll.respondents)} ${poll.respondents === 1 ? "person" : "personer"} svarade.${
                  poll.multipleChoice ? " Man kunde välja flera svar, så andelarna kan bli mer än 100 %." : ""
                }`
              : `Andelarna är de som redovisades efter forumet. Antalet svarande redovisades inte.${
                  poll.rows.some((r) => r.notReported) ? " ”Ej redovisat” är den del av svaren som inte redovisades." : ""
                }`}
          </p>
        </>
      ) : (
        <p>{poll.resultNote || "Inga siffror redovisades för den här frågan."}</p>
      )}
    </div>
  );
}
