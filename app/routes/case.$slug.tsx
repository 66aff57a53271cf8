import { json } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { caseOwnerLabel } from "~/components/case-card";
import { Markdown } from "~/components/markdown";
import { DateTime } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { TagList } from "~/components/tag-list";
import { getPublishedCaseBySlug } from "~/models/case.server";
import { eventHref, municipalityHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { renderMarkdown } from "~/utils/markdown.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(data.item.title, data.item.summary || `Ett case från ${caseOwnerLabel(data.item) ?? "en kommun"}.`)
    : pageMeta("Caset finns inte", "Vi hittade inget case på den adressen.");

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const item = /^[a-z0-9-]{1,120}$/.test(slug) ? await getPublishedCaseBySlug(slug) : null;
  if (!item) throw new Response("Caset finns inte", { status: 404 });
  return json({ item, bodyHtml: renderMarkdown(item.bodyMd).html });
}

export default function CasePage() {
  const { item, bodyHtml } = useLoaderData<typeof loader>();
  const technologies = item.technologies
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

  return (
    <>
      <Breadcrumbs items={[{ to: "/case", label: "Case" }]} current={item.title} />
      <PageHeader title={item.title} lead={item.summary || undefined} />

      <div className="with-sidebar">
        <div>
          {bodyHtml ? (
            <Markdown html={bodyHtml} />
          ) : (
            <p>Den utförliga beskrivningen av caset är inte skriven än.</p>
          )}

          {item.event ? (
            <section className="section" aria-labelledby="forumet">
              <h2 id="forumet">Presenterat på forum</h2>
              <p>
                <Link to={eventHref(item.event)}>{item.event.title}</Link>, <DateTime value={item.event.startsAt} format="date" />.
              </p>
            </section>
          ) : null}

          {item.contactName ? (
            <section className="section" aria-labelledby="kontakt">
              <h2 id="kontakt">Kontaktperson</h2>
              <p>
                {item.contactName}
                {item.contactTitle ? `, ${item.contactTitle}` : ""}
                {item.municipality ? `, ${item.municipality.name} kommun` : item.organisation ? `, ${item.organisation.name}` : ""}
              </p>
              <p className="muted">Kontaktuppgifterna visas för inloggade medlemmar när medlemskonton finns på webbplatsen.</p>
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
            ) : item.organisation ? (
              <>
                <dt>Organisation</dt>
                <dd>{item.organisation.name}</dd>
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
            {item.tags.length ? (
              <>
                <dt>Taggar</dt>
                <dd>
                  <TagList tags={item.tags} />
                </dd>
              </>
            ) : null}
            {item.lastReviewedAt ? (
              <>
                <dt>Senast granskad</dt>
                <dd>
                  <DateTime value={item.lastReviewedAt} format="short" />
                </dd>
              </>
            ) : null}
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
