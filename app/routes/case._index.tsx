import { json } from "@remix-run/node";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseCard } from "~/components/case-card";
import { EmptyState } from "~/components/empty-state";
import { PageHeader } from "~/components/page-header";
import { listPublishedCases } from "~/models/case.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () =>
  pageMeta("Case", "Beskrivningar av hur kommuner arbetar med BI, IoT och AI: vad de gjorde, hur och vad de lärde sig.");

export async function loader() {
  return json({ cases: await listPublishedCases() });
}

export default function CaseIndex() {
  const { cases } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Case"
        lead="Kommuner beskriver sitt arbete med analys: vad de ville uppnå, hur de gick till väga och vad de lärde sig på vägen."
      />
      {cases.length ? (
        <>
          <h2 className="visually-hidden">Alla case</h2>
          <p className="result-count">{cases.length === 1 ? "1 case" : `${cases.length} case`}</p>
          <ul className="cards">
            {cases.map((item) => (
              <CaseCard key={item.slug} item={item} />
            ))}
          </ul>
        </>
      ) : (
        <EmptyState title="Inga case är publicerade än.">
          <p>
            Har din kommun ett arbete som andra kan lära av? <Link to="/kontakt">Berätta för forumansvarig</Link>, så kan det bli
            ett case här eller ett inslag på ett kommande forum.
          </p>
        </EmptyState>
      )}
    </>
  );
}
