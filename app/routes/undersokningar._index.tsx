import { json } from "@remix-run/node";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { PageHeader } from "~/components/page-header";
import { listPublishedPolls } from "~/models/poll.server";
import { eventHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { PollChart } from "~/components/poll-chart";
import { countedResultRows, importedResultRows, type ResultRow } from "~/utils/poll-results";
import { pollResultHref } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Omröstningar", "Resultaten av omröstningarna under forumen.");

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
    const rows = poll.imported ? importedResultRows(poll.options) : countedResultRows(poll.options, poll.respondents, poll.multipleChoice);
    forum.polls.push({
      id: poll.id,
      code: poll.code,
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
  code: string;
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
      <PageHeader title="Omröstningar" lead="Under forumen röstar deltagarna om korta frågor. Här ser du resultaten av omröstningarna, forum för forum." />
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
            Resultaten visas här när forumansvarig har publicerat dem efter ett forum. Se <Link to="/forum">kommande forum</Link> om du vill vara med och svara
            nästa gång.
          </p>
        </EmptyState>
      )}
    </>
  );
}

function PollResult({ poll }: { poll: PollView }) {
  return (
    <div className="poll-result">
      <h3>
        <Link to={pollResultHref(poll.code)}>{poll.question}</Link>
      </h3>
      {poll.rows && poll.rows.length ? (
        <PollChart id={`fraga-${poll.id}`} title={poll.question} rows={poll.rows} respondents={poll.respondents} multipleChoice={poll.multipleChoice} />
      ) : (
        <p>{poll.resultNote || "Inga siffror redovisades för den här omröstningen."}</p>
      )}
    </div>
  );
}
