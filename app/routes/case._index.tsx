import { json } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CaseCard } from "~/components/case-card";
import { EmptyState } from "~/components/empty-state";
import { SelectField } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { applicableFilter, getCaseFilterOptions, searchCases } from "~/models/case.server";
import { pageMeta } from "~/utils/meta";
import { parseCaseFilter, type CaseFilter } from "~/validation/library";

export const meta: MetaFunction = () => pageMeta("Case", "Beskrivningar av hur kommuner arbetar med BI, IoT och AI: vad de gjorde, hur och vad de lärde sig.");

export async function loader({ request }: LoaderFunctionArgs) {
  const options = await getCaseFilterOptions();
  const filter = applicableFilter(parseCaseFilter(new URL(request.url).searchParams), options);
  const result = await searchCases(filter);
  return json({ options, filter: { ...filter, page: result.page }, ...result });
}

/** The URL of the library with this filter, page 1 unless given. */
function libraryHref(filter: CaseFilter, page = 1) {
  const params = new URLSearchParams();
  if (filter.tag) params.set("tagg", filter.tag);
  if (filter.domain) params.set("verksamhet", filter.domain);
  if (filter.county) params.set("lan", filter.county);
  if (filter.municipality) params.set("kommun", filter.municipality);
  if (filter.sort !== "nytt") params.set("sortera", filter.sort);
  if (page > 1) params.set("sida", String(page));
  const query = params.toString();
  return query ? `/case?${query}` : "/case";
}

export default function CaseIndex() {
  const { options, filter, cases, total, page, pageCount } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.tag || filter.domain || filter.county || filter.municipality);
  // Without JavaScript the municipality list cannot follow the county; show all, grouped by county.
  const municipalitiesByCounty = options.counties.map((county) => ({
    county,
    municipalities: options.municipalities.filter((m) => m.countyCode === county.code),
  }));

  return (
    <>
      <PageHeader title="Case" lead="Kommuner beskriver sitt arbete med analys: vad de ville uppnå, hur de gick till väga och vad de lärde sig på vägen.">
        <p>
          Vill du läsa forumansvarigs sammanfattningar och iakttagelser? Se <Link to="/spaningar">Spaningar</Link>.
        </p>
      </PageHeader>

      <section className="section" aria-labelledby="filtrera">
        <h2 id="filtrera">Filtrera case</h2>
        <Form method="get" className="filter-form">
          <div className="filter-form__fields">
            <SelectField name="tagg" label="Område" defaultValue={filter.tag ?? ""} key={`tagg-${filter.tag}`}>
              <option value="">Alla områden</option>
              {options.tags.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </SelectField>
            <SelectField name="verksamhet" label="Verksamhet" defaultValue={filter.domain ?? ""} key={`verksamhet-${filter.domain}`}>
              <option value="">Alla verksamheter</option>
              {options.domains.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </SelectField>
            <SelectField name="lan" label="Län" defaultValue={filter.county ?? ""} key={`lan-${filter.county}`}>
              <option value="">Alla län</option>
              {options.counties.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <SelectField name="kommun" label="Kommun" defaultValue={filter.municipality ?? ""} key={`kommun-${filter.municipality}`}>
              <option value="">Alla kommuner</option>
              {municipalitiesByCounty.map(({ county, municipalities }) => (
                <optgroup key={county.code} label={county.name}>
                  {municipalities.map((m) => (
                    <option key={m.code} value={m.code}>
                      {m.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </SelectField>
            <SelectField name="sortera" label="Sortera" defaultValue={filter.sort} key={`sortera-${filter.sort}`}>
              <option value="nytt">Senast publicerade först</option>
              <option value="titel">Rubrik, A–Ö</option>
            </SelectField>
          </div>
          <div className="filter-form__actions">
            <button type="submit" className="button">
              Visa case
            </button>
            {filtered || filter.sort !== "nytt" ? <Link to="/case">Rensa filter</Link> : null}
          </div>
        </Form>
      </section>

      <section className="section" aria-labelledby="resultat">
        <h2 id="resultat">{filtered ? "Case som matchar filtret" : "Alla case"}</h2>
        <p className="result-count" role="status">
          {total === 1 ? "1 case" : `${total} case`}
          {pageCount > 1 ? `, sida ${page} av ${pageCount}` : ""}
        </p>
        {cases.length ? (
          <>
            <ul className="cards">
              {cases.map((item) => (
                <CaseCard key={item.slug} item={item} />
              ))}
            </ul>
            <Pagination page={page} pageCount={pageCount} href={(p) => libraryHref(filter, p)} label="Sidor med case" />
          </>
        ) : filtered ? (
          <EmptyState title="Inga case matchar filtret.">
            <p>
              Prova att ta bort ett av villkoren, eller <Link to="/case">visa alla case</Link>. Saknar du ett case från ditt område?{" "}
              <Link to="/kontakt">Tipsa forumansvarig</Link>.
            </p>
          </EmptyState>
        ) : (
          <EmptyState title="Inga case är publicerade än.">
            <p>
              Har din kommun ett arbete som andra kan lära av? <Link to="/kontakt">Berätta för forumansvarig</Link>, så kan det bli ett case här eller ett
              inslag på ett kommande forum.
            </p>
          </EmptyState>
        )}
      </section>
    </>
  );
}
