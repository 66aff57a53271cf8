import { json, redirect } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MaturityComparisonChart, type ChartSeries } from "~/components/maturity-charts";
import { PageHeader } from "~/components/page-header";
import { MATURITY_DIMENSIONS, MIN_GROUP_SIZE, maturityDimension } from "~/data/maturity";
import { MUNICIPALITY_GROUPS_SOURCE } from "~/data/municipality-groups";
import { getMunicipalityResult } from "~/models/maturity-municipality.server";
import { resolveResultYear } from "~/models/maturity.server";
import { codeFromSlug } from "~/models/municipality.server";
import { getOptionalUser } from "~/models/auth.server";
import { caseHref, DISCUSSIONS_HREF, eventHref, loginHref, maturityResultHref, municipalityHref, threadHref } from "~/utils/links";
import { formatChange, genitive, maturityYear } from "~/utils/maturity-stats";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(
        `Analysmognad ${data.year}: ${data.municipality.name}`,
        `Analysmognad för ${data.municipality.officialName} jämfört med riket, ${data.municipality.county.name} och liknande kommuner.`,
      )
    : pageMeta("Kommunen finns inte", "Vi hittar ingen kommun med den koden.");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const code = codeFromSlug(slug);
  const url = new URL(request.url);
  const [user, { year, years }] = await Promise.all([getOptionalUser(request), resolveResultYear(url.searchParams.get("ar"))]);
  const result = code ? await getMunicipalityResult(code, year, user?.id ?? null) : null;
  if (!result) throw new Response("Kommunen finns inte", { status: 404 });
  const canonical = maturityResultHref(result.municipality);
  if (url.pathname !== canonical) throw redirect(`${canonical}${url.search}`, 301);
  return json({
    ...result,
    years,
    thisYear: maturityYear(),
    loggedIn: !!user,
    saved: url.searchParams.get("sparad") === "1",
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function HiddenComparisons({ comparisons, year }: { comparisons: Data["comparisons"]; year: number }) {
  const hidden = comparisons.filter((c) => !c.shown);
  if (!hidden.length) return null;
  return (
    <div className="notice maturity-hidden">
      <p>
        {hidden.length === 1 ? "En jämförelse visas inte" : "Några jämförelser visas inte"} för att skydda små grupper: färre än {MIN_GROUP_SIZE} kommuner har
        svarat {year} i
      </p>
      <ul>
        {hidden.map((c) => (
          <li key={c.kind}>{c.kind === "national" ? "hela riket" : c.kind === "county" ? c.label : `kommungruppen ${c.label}`}</li>
        ))}
      </ul>
    </div>
  );
}

export default function MaturityResult() {
  const data = useLoaderData<typeof loader>();
  const { municipality: m, group, year, years, comparisons, own, isMember, loggedIn, saved, thisYear, demoRows } = data;
  const shownComparisons: ChartSeries[] = comparisons
    .filter((c) => c.shown && c.averages)
    .map((c) => ({ style: c.kind, label: c.kind === "group" ? "Kommungruppen" : c.label, values: c.averages ?? {} }));
  const assessment = own?.assessment ?? null;
  const previous = own?.previous ?? null;
  const series: ChartSeries[] = assessment ? [{ style: "own", label: m.name, values: assessment.scores }, ...shownComparisons] : shownComparisons;
  const change = own?.change ?? null;
  const changeColumn = change
    ? [{ label: `Förändring sedan ${year - 1}`, values: Object.fromEntries(MATURITY_DIMENSIONS.map((d) => [d.key, formatChange(change[d.key])])) }]
    : undefined;

  return (
    <>
      <Breadcrumbs items={[{ to: "/analysmognad", label: "Analysmognad" }]} current={m.name} />
      <PageHeader
        title={`Analysmognad ${year}: ${m.name}`}
        lead={
          isMember
            ? `${genitive(m.name)} självskattning jämfört med riket, ${m.county.name} och kommuner av liknande typ.`
            : `Så ser analysmognaden ut i riket, ${m.county.name} och kommuner av liknande typ som ${m.name}.`
        }
      >
        <dl className="facts facts--inline">
          <div>
            <dt>Län</dt>
            <dd>{m.county.name}</dd>
          </div>
          {group ? (
            <div>
              <dt>Kommungrupp</dt>
              <dd>{group.label}</dd>
            </div>
          ) : null}
        </dl>
      </PageHeader>

      {saved && isMember ? (
        <div className="notice notice--success" role="status">
          <p>Tack! Bedömningen för {year} är sparad.</p>
        </div>
      ) : null}

      {years.length > 1 ? (
        <nav aria-label="Välj år" className="maturity-years">
          <ul>
            {years.map((y) => (
              <li key={y}>{y === year ? <span aria-current="page">{y}</span> : <Link to={`?ar=${y}`}>{y}</Link>}</li>
            ))}
          </ul>
        </nav>
      ) : null}

      {demoRows > 0 ? (
        <p className="notice notice--warning">
          Demodata: {demoRows} av bedömningarna för {year} är påhittade exempel som följer med demoinstallationen, inte riktiga svar.
        </p>
      ) : null}

      {!isMember ? (
        <div className="notice">
          <p>
            {genitive(m.name)} egna poäng visas bara för verifierade medlemmar från {m.name}.{" "}
            {loggedIn ? null : (
              <>
                Arbetar du där? <Link to={loginHref(maturityResultHref(m))}>Logga in</Link>.
              </>
            )}{" "}
            <Link to="/analysmognad#vem-ser-vad">Vem ser vad?</Link>
          </p>
        </div>
      ) : null}

      <section className="section" aria-labelledby="jamforelse">
        <h2 id="jamforelse">{isMember ? "Poäng per område" : "Jämförelser"}</h2>
        {isMember && !assessment ? (
          <EmptyState title={`${m.name} har ingen bedömning för ${year}.`}>
            {year === thisYear ? (
              <p>
                <Link to="/analysmognad/bedom">Gör bedömningen för {year}</Link>.
              </p>
            ) : null}
          </EmptyState>
        ) : null}
        {series.length ? (
          <MaturityComparisonChart
            id="mognad-jamforelse"
            title={isMember && assessment ? `${genitive(m.name)} poäng ${year} jämfört med andra` : `Genomsnittlig poäng ${year}`}
            description={`Poäng från 0 till 4 i tio områden för ${series.map((s) => s.label).join(", ")}.`}
            caption={`Poäng per område ${year} (0–4)${group ? `; kommungruppen är ${group.label}` : ""}`}
            series={series}
            extraColumns={changeColumn}
          />
        ) : !isMember ? (
          <p>Det finns ännu ingen sammanställning att visa för {year}.</p>
        ) : null}
        <HiddenComparisons comparisons={comparisons} year={year} />
        <p className="muted">Kommungruppen följer {MUNICIPALITY_GROUPS_SOURCE}. Genomsnitten visas med en decimal.</p>
      </section>

      {isMember && assessment ? (
        <section className="section" aria-labelledby="forandring">
          <h2 id="forandring">Förändring sedan {year - 1}</h2>
          {previous && change ? (
            <ul className="maturity-change">
              {MATURITY_DIMENSIONS.map((d) => (
                <li key={d.key}>
                  {d.label}: {previous.scores[d.key] ?? "–"} → {assessment.scores[d.key] ?? "–"} ({formatChange(change[d.key])})
                </li>
              ))}
            </ul>
          ) : (
            <p>
              {m.name} har ingen bedömning för {year - 1} att jämföra med.
            </p>
          )}
        </section>
      ) : null}

      {isMember && assessment ? (
        <section className="section" aria-labelledby="rekommendationer">
          <h2 id="rekommendationer">Rekommendationer</h2>
          {own?.recommendations.length ? (
            <>
              <p>Här är material från forumet inom de områden där {m.name} har lägst poäng.</p>
              {own.recommendations.map((r) => {
                const d = maturityDimension(r.dimension);
                const empty = !r.cases.length && !r.threads.length && !r.recordings.length;
                return (
                  <div className="maturity-recommendation" key={r.dimension}>
                    <h3>
                      {d?.label ?? r.dimension} (poäng {assessment.scores[r.dimension]})
                    </h3>
                    {empty ? (
                      <p>
                        Det finns inget material om detta än. <Link to={DISCUSSIONS_HREF}>Starta en diskussion</Link> och fråga andra kommuner hur de har gjort.
                      </p>
                    ) : (
                      <ul>
                        {r.cases.map((c) => (
                          <li key={`c${c.slug}`}>
                            Case: <Link to={caseHref(c)}>{c.title}</Link>
                          </li>
                        ))}
                        {r.threads.map((t) => (
                          <li key={`t${t.id}`}>
                            Diskussion: <Link to={threadHref(t)}>{t.title}</Link>
                          </li>
                        ))}
                        {r.recordings.map((e) => (
                          <li key={`e${e.slug}`}>
                            Inspelning: <Link to={`${eventHref(e)}#inspelning`}>{e.title}</Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                );
              })}
            </>
          ) : (
            <p>{m.name} har högsta poäng i alla områden. Berätta gärna för andra hur ni har gjort!</p>
          )}
        </section>
      ) : null}

      {isMember && own?.history.length ? (
        <section className="section" aria-labelledby="historik">
          <h2 id="historik">Historik</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="historik-tabell">
            <table>
              <caption id="historik-tabell">Alla bedömningar som skickats in för {m.name}</caption>
              <thead>
                <tr>
                  <th scope="col">År</th>
                  <th scope="col">Inskickad</th>
                  <th scope="col">Av</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {own.history.map((h) => (
                  <tr key={h.id}>
                    <td>{h.year}</td>
                    <td>
                      <DateTime value={h.createdAt} format="short" />
                    </td>
                    <td>{h.submittedBy ?? "Okänd (demodata eller borttaget konto)"}</td>
                    <td>
                      {h.replacedAt ? (
                        <>
                          Ersatt <DateTime value={h.replacedAt} format="short" />
                        </>
                      ) : (
                        "Gäller"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {year === thisYear ? (
            <p>
              <Link to="/analysmognad/bedom">Ändra bedömningen för {year}</Link>
            </p>
          ) : null}
        </section>
      ) : null}

      <p>
        <Link to={`/analysmognad/sverige?ar=${year}`}>Resultatet för hela Sverige {year}</Link> ·{" "}
        <Link to={municipalityHref(m)}>Om {m.name} på Kommunforum</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
