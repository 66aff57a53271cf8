import { json } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CaseCard, caseOwnerLabel } from "~/components/case-card";
import { Markdown } from "~/components/markdown";
import { DateTime } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { PreviewBanner } from "~/components/preview-banner";
import { TagList } from "~/components/tag-list";
import { TableOfContents } from "~/components/table-of-contents";
import { getPublishedCaseBySlug, listCaseThreads, listRelatedCases, needsReview, REVIEW_MONTHS } from "~/models/case.server";
import { getOptionalUser, hasRole } from "~/models/auth.server";
import { adminCaseHref, caseHref, caseQuestionHref, casesTaggedHref, eventHref, loginHref, municipalityHref, threadHref } from "~/utils/links";
import { headingsFromHtml } from "~/utils/markdown.server";
import { pageMeta } from "~/utils/meta";
import { requireParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(data.item.title, data.item.summary || `Ett case från ${caseOwnerLabel(data.item) ?? "en kommun"}.`)
    : pageMeta("Caset finns inte", "Vi hittade inget case på den adressen.");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = requireParam(params, "slug", "slug", "Caset finns inte");
  const user = await getOptionalUser(request);
  // The contact email is for logged-in members only.
  // An organizer also sees a draft, as a preview; everyone else gets 404 for it.
  const item = await getPublishedCaseBySlug(slug, { includeContactEmail: user !== null, draft: hasRole(user, "organizer") });
  if (!item) throw new Response("Caset finns inte", { status: 404 });
  const [related, threads] = await Promise.all([
    listRelatedCases(
      item.id,
      item.tags.map((t) => t.slug),
    ),
    listCaseThreads(item.id),
  ]);
  const { editorId, bodyHtml, ...publicItem } = item;
  // A preview is never stored by any cache (the anonymous page cache included).
  const headers = item.isDraft ? { "Cache-Control": "private, no-store" } : undefined;
  return json(
    {
      reviewMonths: REVIEW_MONTHS,
      item: publicItem,
      bodyHtml,
      headings: bodyHtml ? headingsFromHtml(bodyHtml) : [],
      related,
      threads,
      stale: needsReview(item.lastReviewedAt, item.publishedAt),
      loggedIn: user !== null,
      canEdit: user !== null && (hasRole(user, "organizer") || user.id === editorId),
      isOrganizer: hasRole(user, "organizer"),
    },
    { headers },
  );
}

export default function CasePage() {
  const { item, bodyHtml, headings, related, threads, stale, loggedIn, canEdit, isOrganizer, reviewMonths } = useLoaderData<typeof loader>();
  const technologies = item.technologies
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  const askHref = caseQuestionHref(item);
  const [searchParams] = useSearchParams();
  const asked = searchParams.get("fraga") === "skickad";

  return (
    <>
      {item.isDraft ? <PreviewBanner editHref={adminCaseHref(item.id)} /> : null}
      <Breadcrumbs items={[{ to: "/case", label: "Case" }]} current={item.title} />
      <PageHeader title={item.title} lead={item.summary || undefined} />

      {asked ? (
        <div className="notice notice--success" role="status">
          <p>
            Tack! Din fråga är publicerad som en diskussionstråd{item.hasContactEmail ? " och kontaktpersonen har fått ett mejl" : ""}. Du följer tråden och får
            besked när någon svarar.
          </p>
        </div>
      ) : null}
      {stale ? (
        <div className="notice notice--warning">
          <p>
            Det här caset har inte granskats på mer än {reviewMonths} månader. Uppgifterna kan vara inaktuella; fråga gärna kontaktpersonen hur arbetet ser ut i
            dag.
          </p>
        </div>
      ) : null}
      {canEdit ? (
        <p>
          <Link to={isOrganizer ? adminCaseHref(item.id) : `/profil/case/${item.id}`}>Redigera caset</Link>
        </p>
      ) : null}

      <div className="with-sidebar">
        <div>
          <TableOfContents headings={headings} />
          {bodyHtml === "" ? <p>Den utförliga beskrivningen av caset är inte skriven än.</p> : <Markdown html={bodyHtml} />}

          {item.event ? (
            <section className="section" aria-labelledby="forumet">
              <h2 id="forumet">Presenterat på forum</h2>
              <p>
                <Link to={eventHref(item.event)}>{item.event.title}</Link>, <DateTime value={item.event.startsAt} format="date" />.
              </p>
              {item.event.recording ? (
                <p>
                  Det finns en inspelning från forumet. <Link to={eventHref(item.event)}>Se inspelningen via forumets sida</Link>
                </p>
              ) : null}
            </section>
          ) : null}

          <section className="section" aria-labelledby="fraga">
            <h2 id="fraga">Fråga case-ägaren</h2>
            <p>
              Undrar du något om hur arbetet gick till? Din fråga blir en diskussionstråd som andra medlemmar också kan läsa och svara på
              {item.hasContactEmail ? ", och kontaktpersonen får ett mejl" : ""}.
            </p>
            <p>
              {loggedIn ? (
                <Link className="button" to={askHref}>
                  Ställ en fråga om caset
                </Link>
              ) : (
                <Link to={loginHref(askHref)}>Logga in för att ställa en fråga om caset</Link>
              )}
            </p>
          </section>

          <section className="section" aria-labelledby="diskussioner">
            <h2 id="diskussioner">Diskussioner om caset</h2>
            {threads.length ? (
              <ul>
                {threads.map((t) => (
                  <li key={t.id}>
                    <Link to={threadHref(t)}>{t.title}</Link>{" "}
                    <span className="muted">
                      ({t.answerCount === 1 ? "1 svar" : `${t.answerCount} svar`}, senast <DateTime value={t.lastActivityAt} format="date" />)
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>Ingen har frågat något om caset än. Bli den första!</p>
            )}
          </section>

          {related.length ? (
            <section className="section" aria-labelledby="relaterade">
              <h2 id="relaterade">Liknande case</h2>
              <ul className="cards">
                {related.map((r) => (
                  <CaseCard key={r.slug} item={r} />
                ))}
              </ul>
            </section>
          ) : null}
        </div>

        <aside className="sidebar" aria-labelledby="fakta">
          <h2 id="fakta">Fakta om caset</h2>
          <dl className="facts">
            {item.municipality ? (
              <>
                <dt>Kommun</dt>
                <dd>
                  <Link to={municipalityHref(item.municipality)}>{item.municipality.name}</Link>
                </dd>
                <dt>Län</dt>
                <dd>{item.municipality.county.name}</dd>
              </>
            ) : null}
            {item.organisation ? (
              <>
                <dt>Organisation</dt>
                <dd>{item.organisation.name}</dd>
              </>
            ) : null}
            {item.tags.length ? (
              <>
                <dt>Område</dt>
                <dd>
                  <TagList tags={item.tags} label="Områden" hrefFor={casesTaggedHref} />
                </dd>
              </>
            ) : null}
            {item.domain ? (
              <>
                <dt>Verksamhet</dt>
                <dd>{item.domain}</dd>
              </>
            ) : null}
            {technologies.length ? (
              <>
                <dt>Teknik</dt>
                <dd>{technologies.join(", ")}</dd>
              </>
            ) : null}
            {item.contactName ? (
              <>
                <dt>Kontaktperson</dt>
                <dd>
                  {item.contactName}
                  {item.contactTitle ? `, ${item.contactTitle}` : ""}
                  {item.contactEmail ? (
                    <>
                      <br />
                      <a href={`mailto:${item.contactEmail}`} className="break-anywhere">
                        {item.contactEmail}
                      </a>
                    </>
                  ) : item.hasContactEmail && !loggedIn ? (
                    <>
                      <br />
                      <span className="muted">
                        <Link to={loginHref(caseHref(item))}>Logga in</Link> för att se e-postadressen.
                      </span>
                    </>
                  ) : null}
                </dd>
              </>
            ) : null}
            {item.publishedAt ? (
              <>
                <dt>Publicerat</dt>
                <dd>
                  <DateTime value={item.publishedAt} format="date" />
                </dd>
              </>
            ) : null}
            <dt>Senast ändrat</dt>
            <dd>
              <DateTime value={item.updatedAt} format="date" />
            </dd>
            <dt>Senast granskat</dt>
            <dd>{item.lastReviewedAt ? <DateTime value={item.lastReviewedAt} format="date" /> : "Inte granskat än"}</dd>
            {item.event ? (
              <>
                <dt>Forum</dt>
                <dd>
                  <Link to={eventHref(item.event)}>{item.event.title}</Link>
                </dd>
              </>
            ) : null}
          </dl>
        </aside>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
