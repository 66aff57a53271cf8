import { json } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { MATURITY_DATA_LICENSE, MATURITY_DIMENSIONS, MATURITY_SCALE, MIN_GROUP_SIZE } from "~/data/maturity";
import { MUNICIPALITY_GROUPS_SOURCE } from "~/data/municipality-groups";
import { getMaturityOverview, getMunicipalityName } from "~/models/maturity.server";
import { getOptionalUser } from "~/models/auth.server";
import { loginHref, maturityResultHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () =>
  pageMeta("Analysmognad", "Självskattning av kommunens analysmognad i tio områden, med jämförelser mot riket, länet och liknande kommuner.");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const overview = await getMaturityOverview();
  const municipality = user?.municipalityCode ? await getMunicipalityName(user.municipalityCode) : null;
  return json({ ...overview, loggedIn: !!user, municipality });
}

export default function MaturityOverview() {
  const { year, participants, latestYear, loggedIn, municipality } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Analysmognad"
        lead="Hur långt har er kommun kommit med analys, BI, IoT och AI? Gör en självskattning i tio områden och se var ni står jämfört med andra kommuner."
      />

      <p>
        <Link to="/analysmognad/bedom" className="button">
          Gör bedömningen för {year}
        </Link>
      </p>
      <p>
        {participants === 1 ? "1 kommun har" : `${participants} kommuner har`} gjort en bedömning för {year}.{" "}
        <Link to={latestYear ? `/analysmognad/sverige?ar=${latestYear}` : "/analysmognad/sverige"}>Se resultatet för hela Sverige</Link>
        {municipality ? (
          <>
            {" "}
            eller <Link to={maturityResultHref(municipality)}>resultatet för {municipality.name}</Link>
          </>
        ) : null}
        .
      </p>

      <section className="section" aria-labelledby="sa-fungerar-det">
        <h2 id="sa-fungerar-det">Så fungerar det</h2>
        <ul>
          <li>Kommunen tar ställning till tio påståenden på en skala från 0 till 4. Det tar ungefär tio minuter.</li>
          <li>
            Varje kommun har en bedömning per kalenderår. Den görs av en verifierad medlem från kommunen: en medlem med e-postadress på kommunens domän, eller
            som forumansvarig har godkänt. Den som skickar in igen samma år ersätter bedömningen; tidigare versioner sparas i kommunens historik.
          </li>
          <li>Ni får se förändringen sedan förra året och tips på case, diskussioner och inspelningar inom de områden där ni har lägst poäng.</li>
          <li>Medlemmar från regioner, myndigheter och företag kan se resultaten för riket men inte göra en bedömning.</li>
        </ul>
      </section>

      <section className="section" aria-labelledby="vem-ser-vad">
        <h2 id="vem-ser-vad">Vem ser vad?</h2>
        <ul>
          <li>
            <strong>Kommunens egna poäng</strong>, förändringen och historiken ser bara verifierade medlemmar från samma kommun. Andra besökare, andra kommuner
            och forumansvariga ser dem inte på webbplatsen.
          </li>
          <li>
            <strong>Alla</strong> kan se sammanställningar för riket, för varje län och för varje kommungrupp, och ladda ner dem som öppna data.
          </li>
          <li>
            En sammanställning visas bara när minst {MIN_GROUP_SIZE} kommuner i gruppen har svarat samma år. Är gruppen mindre döljs den, så att ingen enskild
            kommuns svar kan räknas fram. Av samma skäl visas inte antal under {MIN_GROUP_SIZE} i fördelningarna.
          </li>
          <li>
            Kommuner av liknande typ jämförs enligt {MUNICIPALITY_GROUPS_SOURCE}. Det är en äldre indelning än den SKR använder i dag; den nyare finns ännu inte
            i tjänsten.
          </li>
        </ul>
        {!loggedIn ? (
          <p>
            <Link to={loginHref("/analysmognad/bedom")}>Logga in</Link> för att göra bedömningen eller se er kommuns resultat.
          </p>
        ) : null}
      </section>

      <section className="section" aria-labelledby="omradena">
        <h2 id="omradena">De tio områdena</h2>
        <ol className="maturity-dimensions">
          {MATURITY_DIMENSIONS.map((d) => (
            <li key={d.key}>
              <strong>{d.label}.</strong> {d.statement}
            </li>
          ))}
        </ol>
        <p>Skalan: {MATURITY_SCALE.map((s) => `${s.value} = ${s.label.toLowerCase()}`).join(", ")}.</p>
      </section>

      <section className="section" aria-labelledby="oppna-data">
        <h2 id="oppna-data">Öppna data</h2>
        <p>
          Sammanställningarna för riket, länen och kommungrupperna finns att ladda ner som <a href="/analysmognad/oppna-data.csv">CSV</a> och{" "}
          <a href="/analysmognad/oppna-data.json">JSON</a>. De innehåller bara grupper med minst {MIN_GROUP_SIZE} kommuner, aldrig enskilda kommuners svar.
          Licens: <a href={MATURITY_DATA_LICENSE.url}>{MATURITY_DATA_LICENSE.name}</a>; du får använda dem fritt, gärna med källan{" "}
          {MATURITY_DATA_LICENSE.source}.
        </p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
