import { json } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MaturityComparisonChart, MaturityDistributionChart } from "~/components/maturity-charts";
import { PageHeader } from "~/components/page-header";
import { MATURITY_DATA_LICENSE, MIN_GROUP_SIZE } from "~/data/maturity";
import { MUNICIPALITY_GROUPS_SOURCE } from "~/data/municipality-groups";
import { getNationalOverview, resolveResultYear } from "~/models/maturity.server";
import { formatAverage, overallAverage } from "~/utils/maturity-stats";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(
    data ? `Analysmognad i Sverige ${data.year}` : "Analysmognad i Sverige",
    "Sammanställning av kommunernas självskattade analysmognad: fördelning per område, deltagande och genomsnitt per län och kommungrupp.",
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { year, years } = await resolveResultYear(url.searchParams.get("ar"));
  const overview = await getNationalOverview(year);
  return json({ ...overview, years });
}

const hiddenLabel = `Dolt (färre än ${MIN_GROUP_SIZE})`;

export default function MaturitySweden() {
  const { year, years, participants, national, dimensions, counties, groups, demoRows } = useLoaderData<typeof loader>();
  const countiesWithParticipants = counties.filter((c) => c.participants > 0).length;
  return (
    <>
      <Breadcrumbs items={[{ to: "/analysmognad", label: "Analysmognad" }]} current="Sverige" />
      <PageHeader
        title={`Analysmognad i Sverige ${year}`}
        lead="Så har kommunerna skattat sin analysmognad. Här visas bara sammanställningar; ingen enskild kommuns svar."
      />

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

      <ul className="stat-list">
        <li>
          <strong>{participants}</strong> av 290 kommuner har svarat
        </li>
        <li>
          <strong>{countiesWithParticipants}</strong> av 21 län är med
        </li>
        <li>
          <strong>{national.shown ? formatAverage(overallAverage(national.averages)) : "–"}</strong> genomsnitt för alla områden (0–4)
        </li>
      </ul>

      <section className="section" aria-labelledby="fordelning">
        <h2 id="fordelning">Fördelning per område</h2>
        {national.shown ? (
          <>
            <p>
              Hur många kommuner som gav varje poäng. Antal under {MIN_GROUP_SIZE} visas som ”&lt;{MIN_GROUP_SIZE}”, och ibland döljs ytterligare ett antal så
              att det dolda inte kan räknas fram ur summan.
            </p>
            <MaturityDistributionChart
              id="mognad-fordelning"
              title={`Antal kommuner per poäng och område ${year}`}
              rows={dimensions}
              n={participants}
              minGroupSize={MIN_GROUP_SIZE}
            />
            <h3>Genomsnitt per område</h3>
            <MaturityComparisonChart
              id="mognad-riket"
              title={`Genomsnittlig poäng per område i riket ${year}`}
              description={`Genomsnitt av ${participants} kommuners svar, 0 till 4.`}
              caption={`Genomsnittlig poäng per område i riket ${year} (0–4)`}
              series={[{ style: "national", label: "Riket", values: national.averages ?? {} }]}
            />
          </>
        ) : (
          <p>
            Färre än {MIN_GROUP_SIZE} kommuner har svarat för {year}, så resultatet visas inte ännu.{" "}
            <Link to="/analysmognad/bedom">Gör er kommuns bedömning</Link>.
          </p>
        )}
      </section>

      <section className="section" aria-labelledby="per-lan">
        <h2 id="per-lan">Per län</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="lan-tabell">
          <table>
            <caption id="lan-tabell">
              Deltagande och genomsnitt per län {year}. Genomsnittet visas när minst {MIN_GROUP_SIZE} kommuner i länet har svarat.
            </caption>
            <thead>
              <tr>
                <th scope="col">Län</th>
                <th scope="col" className="num">
                  Kommuner som svarat
                </th>
                <th scope="col" className="num">
                  Genomsnitt alla områden
                </th>
              </tr>
            </thead>
            <tbody>
              {counties.map((c) => (
                <tr key={c.code}>
                  <th scope="row">{c.name}</th>
                  <td className="num">
                    {c.participants} av {c.municipalities}
                  </td>
                  <td className="num">{c.aggregate.shown ? formatAverage(overallAverage(c.aggregate.averages)) : hiddenLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="section" aria-labelledby="per-grupp">
        <h2 id="per-grupp">Per kommungrupp</h2>
        <p>Kommuner av liknande storlek och typ, enligt {MUNICIPALITY_GROUPS_SOURCE}.</p>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="grupp-tabell">
          <table>
            <caption id="grupp-tabell">
              Deltagande och genomsnitt per kommungrupp {year}. Genomsnittet visas när minst {MIN_GROUP_SIZE} kommuner i gruppen har svarat.
            </caption>
            <thead>
              <tr>
                <th scope="col">Kommungrupp</th>
                <th scope="col" className="num">
                  Kommuner som svarat
                </th>
                <th scope="col" className="num">
                  Genomsnitt alla områden
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">
                    {g.label}
                    <span className="muted maturity-group-description">{g.description}</span>
                  </th>
                  <td className="num">{g.participants}</td>
                  <td className="num">{g.aggregate.shown ? formatAverage(overallAverage(g.aggregate.averages)) : hiddenLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="section" aria-labelledby="ladda-ner">
        <h2 id="ladda-ner">Ladda ner</h2>
        <p>
          Alla sammanställningar per år, område, län och kommungrupp som öppna data: <a href="/analysmognad/oppna-data.csv">CSV</a> (semikolonseparerad, för
          Excel) eller <a href="/analysmognad/oppna-data.json">JSON</a>. Licens: <a href={MATURITY_DATA_LICENSE.url}>{MATURITY_DATA_LICENSE.name}</a>. Filerna
          innehåller bara grupper med minst {MIN_GROUP_SIZE} kommuner.
        </p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
