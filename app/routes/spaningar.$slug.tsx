import { json } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Markdown } from "~/components/markdown";
import { PageHeader } from "~/components/page-header";
import { PreviewBanner } from "~/components/preview-banner";
import { TableOfContents } from "~/components/table-of-contents";
import { TagList } from "~/components/tag-list";
import { getPublishedArticleBySlug } from "~/models/article.server";
import { getOptionalUser, hasRole } from "~/models/auth.server";
import { headingsFromHtml } from "~/utils/markdown.server";
import { pageMeta } from "~/utils/meta";
import { adminArticleHref } from "~/utils/links";
import { requireParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(data.article.title, data.article.summary || "En spaning från Kommunforum Analytics.")
    : pageMeta("Spaningen finns inte", "Vi hittade ingen spaning på den adressen.");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = requireParam(params, "slug", "slug", "Spaningen finns inte");
  const canEdit = hasRole(await getOptionalUser(request), "organizer");
  // An organizer also sees a draft, as a preview; everyone else gets 404 for it.
  const article = await getPublishedArticleBySlug(slug, { draft: canEdit });
  if (!article) throw new Response("Spaningen finns inte", { status: 404 });
  const { bodyHtml, ...rest } = article;
  // A preview is never stored by any cache (the anonymous page cache included).
  const headers = article.isDraft ? { "Cache-Control": "private, no-store" } : undefined;
  return json({ article: rest, bodyHtml, headings: bodyHtml ? headingsFromHtml(bodyHtml) : [], canEdit }, { headers });
}

export default function ArticlePage() {
  const { article, bodyHtml, headings, canEdit } = useLoaderData<typeof loader>();
  return (
    <>
      {article.isDraft ? <PreviewBanner editHref={adminArticleHref(article.id)} /> : null}
      <Breadcrumbs items={[{ to: "/spaningar", label: "Spaningar" }]} current={article.title} />
      <PageHeader title={article.title} lead={article.summary || undefined}>
        <p className="muted">
          Av {article.byline}
          {article.publishedAt ? (
            <>
              , publicerad <DateTime value={article.publishedAt} format="date" />
            </>
          ) : null}
        </p>
        <TagList tags={article.tags} />
      </PageHeader>
      {canEdit ? (
        <p>
          <Link to={adminArticleHref(article.id)}>Redigera spaningen</Link>
        </p>
      ) : null}
      <TableOfContents headings={headings} />
      <Markdown html={bodyHtml} />
      <p className="section">
        <Link to="/spaningar">Alla spaningar</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
