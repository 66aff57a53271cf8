import { json } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Markdown } from "~/components/markdown";
import { PageHeader } from "~/components/page-header";
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
  const article = await getPublishedArticleBySlug(slug);
  if (!article) throw new Response("Spaningen finns inte", { status: 404 });
  const { bodyHtml, ...rest } = article;
  const user = await getOptionalUser(request);
  return json({ article: rest, bodyHtml, headings: bodyHtml ? headingsFromHtml(bodyHtml) : [], canEdit: hasRole(user, "organizer") });
}

export default function ArticlePage() {
  const { article, bodyHtml, headings, canEdit } = useLoaderData<typeof loader>();
  return (
    <>
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
