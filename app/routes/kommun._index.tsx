import { json } from "@remix-run/node";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { listCountiesWithMunicipalities, type MunicipalityOverview } from "~/models/municipality.server";
import { municipalityHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { slugify } from "~/utils/slug";

export const meta: MetaFunction = () => pageMeta("Kommuner", "Sveriges 290 kommuner län för län, med deras case, forum, medlemmar och diskussioner.");

export async function loader() {
  return json({ counties: await listCountiesWithMunicipalities() });
}

/** "2 case · 1 forum · 3 medlemmar"; only what there is. */
function activityLabel(m: MunicipalityOverview): string {
  const parts = [
    m.cases ? `${m.cases} case` : null,
    m.forums ? `${m.forums} forum` : null,
    m.members ? (m.members === 1 ? "1 medlem" : `${m.members} medlemmar`) : null,
    m.threads ? (m.threads === 1 ? "1 diskussion" : `${m.threads} diskussioner`) : null,
  ];
  return parts.filter(Boolean).join(" · ");
}

const countyId = (name: string) => `lan-${slugify(name)}`;

export default function MunicipalityIndex() {
  const { counties } = useLoaderData<typeof loader>();
  const total = counties.reduce((n, c) => n + c.municipalities.length, 0);
  const active = counties.reduce((n, c) => n + c.municipalities.filter((m) => activityLabel(m)).length, 0);
  return (
    <>
      <PageHeader
        title="Kommuner"
        lead={`Alla ${total} kommuner, län för län. Under varje kommun ser du hur många case, forum, medlemmar och diskussioner den har här.`}
      />
      <p className="result-count">{active === 1 ? "1 kommun är aktiv" : `${active} kommuner är aktiva`} på Kommunforum Analytics.</p>
      <nav className="county-nav section" aria-labelledby="lan-lista">
        <h2 id="lan-lista">Gå till ett län</h2>
        <ul>
          {counties.map((county) => (
            <li key={county.code}>
              <a href={`#${countyId(county.name)}`}>{county.name}</a>
            </li>
          ))}
        </ul>
      </nav>
      {counties.map((county) => (
        <section key={county.code} className="section" aria-labelledby={countyId(county.name)}>
          <h2 id={countyId(county.name)}>{county.name}</h2>
          <ul className="county-list">
            {county.municipalities.map((m) => {
              const activity = activityLabel(m);
              return (
                <li key={m.code}>
                  <Link to={municipalityHref(m)}>{m.name}</Link>
                  {activity ? <span className="county-list__counts">{activity}</span> : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
