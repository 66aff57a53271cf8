import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { listAllArticlesForAdmin } from "~/models/article.server";
import { requireRole } from "~/models/auth.server";
import { pageMeta } from "~/utils/meta";
import { adminArticleHref, NEW_ARTICLE_HREF } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Hantera spaningar", "Skriv, redigera och publicera spaningar, även utkast.");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  return json({ articles: await listAllArticlesForAdmin() });
}

export default function AdminArticles() {
  const { articles } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB]} current="Spaningar" />
      <h1>Hantera spaningar</h1>
      <p>
        <Link className="button" to={NEW_ARTICLE_HREF}>
          Skriv en ny spaning
        </Link>
      </p>
      {articles.length ? (
        <div className="table-scroll">
          <table>
            <caption>Alla spaningar, senast ändrade först</caption>
            <thead>
              <tr>
                <th scope="col">Rubrik</th>
                <th scope="col">Status</th>
                <th scope="col">Publicerad</th>
                <th scope="col">Senast ändrad</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={adminArticleHref(a.id)}>{a.title}</Link>
                  </th>
                  <td>{a.status === "published" ? "Publicerad" : "Utkast"}</td>
                  <td>{a.publishedAt ? <DateTime value={a.publishedAt} format="short" /> : "–"}</td>
                  <td>
                    <DateTime value={a.updatedAt} format="short" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Det finns inga spaningar än. Börja med att skriva en.</p>
      )}
    </>
  );
}
