import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BreakdownTables } from "~/components/poll-breakdown";
import { PollChart, TrendChart } from "~/components/poll-chart";
import { getTrend } from "~/models/poll.server";
import { eventHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { loadPublishedPoll } from "~/models/poll.server";
import { pollResultHref } from "~/utils/links";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(data.poll.question, `Resultatet av omröstningen på ${data.poll.event.title}.`)
    : pageMeta("Resultatet finns inte", "Vi hittade inget publicerat resultat med den koden.");

export async function loader({ params }: LoaderFunctionArgs) {
  const { poll, breakdowns } = await loadPublishedPoll(params.code);
  const trend = await getTrend(poll.id);
  return json({ poll, breakdowns, trend });
}

export default function PollResultPage() {
  const { poll, breakdowns, trend } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/undersokningar", label: "Omröstningar" }]} current={poll.code} />
      <h1>{poll.question}</h1>
      <p className="lead">
        Ställd på <Link to={eventHref(poll.event)}>{poll.event.title}</Link>, <DateTime value={poll.event.startsAt} format="date" />.
      </p>
      <section className="section" aria-labelledby="resultat">
        <h2 id="resultat">Resultat</h2>
        {poll.rows && poll.rows.length ? (
          <PollChart id="resultat-diagram" title={poll.question} rows={poll.rows} respondents={poll.respondents} multipleChoice={poll.multipleChoice} />
        ) : (
          <p>{poll.resultNote || "Inga siffror redovisades för den här omröstningen."}</p>
        )}
        <p>
          Ladda ned: <a href={`${pollResultHref(poll.code)}.csv`}>CSV</a> · <a href={`${pollResultHref(poll.code)}.json`}>JSON</a>
        </p>
      </section>
      {trend.length ? (
        <section className="section" aria-labelledby="over-tid">
          <h2 id="over-tid">Svaren över tid</h2>
          <p>Samma omröstning har gjorts vid flera forum. Här syns hur svaren har ändrats.</p>
          <TrendChart id="trend" points={trend} />
        </section>
      ) : null}
      {breakdowns.county ? (
        <section className="section" aria-labelledby="uppdelning">
          <h2 id="uppdelning">Uppdelat</h2>
          <p>Svaren fördelade efter den kommun som deltagarna angav.</p>
          <BreakdownTables id="lan" heading="Per län" breakdown={breakdowns.county} />
          {breakdowns.municipalityGroup ? <BreakdownTables id="kommungrupp" heading="Per kommungrupp" breakdown={breakdowns.municipalityGroup} /> : null}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
