import { json, redirect } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CaseCard } from "~/components/case-card";
import { DateTime } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { VerifiedBadge } from "~/components/verified-badge";
import { codeFromSlug, getMunicipalityPage } from "~/models/municipality.server";
import { answerCountLabel } from "~/utils/labels";
import { eventHref, maturityResultHref, municipalityHref, threadHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(
        `${data.municipality.name}, ${data.municipality.county.name}`,
        `${data.municipality.officialName} på Kommunforum Analytics: case, forum, medlemmar och diskussioner.`,
      )
    : pageMeta("Kommunen finns inte", "Vi hittar ingen kommun med den koden.");

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const code = codeFromSlug(slug);
  const municipality = code ? await getMunicipalityPage(code) : null;
  if (!municipality) throw new Response("Kommunen finns inte", { status: 404 });
  const canonical = municipalityHref(municipality);
  if (`/kommun/${slug}` !== canonical) throw redirect(canonical, 301);
  return json({ municipality });
}

export default function MunicipalityPage() {
  const { municipality: m } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/kommun", label: "Kommuner" }]} current={m.name} />
      <PageHeader title={m.officialName} lead={`${m.name} ligger i ${m.county.name}.`}>
        <dl className="facts facts--inline">
          <div>
            <dt>Län</dt>
            <dd>{m.county.name}</dd>
          </div>
          <div>
            <dt>Kommunkod</dt>
            <dd>{m.code}</dd>
          </div>
        </dl>
      </PageHeader>

      <section className="section" aria-labelledby="kommun-case">
        <h2 id="kommun-case">Case</h2>
        {m.cases.length ? (
          <ul className="cards">
            {m.cases.map((c) => (
              <CaseCard key={c.slug} item={c} />
            ))}
          </ul>
        ) : (
          <EmptyState title={`${m.name} har inga publicerade case än.`}>
            <p>
              Arbetar ni med analys som andra kan lära av? <Link to="/kontakt">Berätta för forumansvarig</Link>.
            </p>
          </EmptyState>
        )}
      </section>

      <section className="section" aria-labelledby="kommun-forum">
        <h2 id="kommun-forum">Forum där kommunen har berättat</h2>
        {m.forums.length ? (
          <ul>
            {m.forums.map((f) => (
              <li key={f.slug}>
                <Link to={eventHref(f)}>{f.title}</Link>, <DateTime value={f.startsAt} format="date" />
                {f.speakers.length ? <> – {f.speakers.map((s) => (s.title ? `${s.name}, ${s.title}` : s.name)).join("; ")}</> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{m.name} har inte talat på något forum än.</p>
        )}
      </section>

      <section className="section" aria-labelledby="kommun-medlemmar">
        <h2 id="kommun-medlemmar">Medlemmar</h2>
        {m.members.length ? (
          <ul>
            {m.members.map((u) => (
              <li key={u.id}>
                {u.name}
                {u.title ? `, ${u.title}` : ""} <VerifiedBadge affiliation={u.affiliation} />
              </li>
            ))}
          </ul>
        ) : (
          <p>Inga medlemmar från {m.name} visas här. Medlemmar väljer själva under Min profil om de vill synas.</p>
        )}
      </section>

      <section className="section" aria-labelledby="kommun-diskussioner">
        <h2 id="kommun-diskussioner">Diskussioner från kommunens medlemmar</h2>
        {m.threads.length ? (
          <ul>
            {m.threads.map((t) => (
              <li key={t.id}>
                <Link to={threadHref(t)}>{t.title}</Link> – {answerCountLabel(t.answerCount)}, senast <DateTime value={t.lastActivityAt} format="date" />
              </li>
            ))}
          </ul>
        ) : (
          <p>Ingen från {m.name} har startat en diskussion än.</p>
        )}
      </section>
      <section className="section" aria-labelledby="kommun-analysmognad">
        <h2 id="kommun-analysmognad">Analysmognad</h2>
        <p>
          <Link to={maturityResultHref(m)}>Analysmognad för {m.name}</Link>: självskattningen jämförd med riket, länet och liknande kommuner.
        </p>
      </section>
      <p>
        <Link to="/kommun">Alla kommuner</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
