import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { listAllCasesForAdmin } from "~/models/case-admin.server";
import { requireRole } from "~/models/auth.server";
import { pageMeta } from "~/utils/meta";
import { adminCaseHref, NEW_CASE_HREF } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Hantera case", "Skapa, redigera och publicera case, även utkast.");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  return json({ cases: await listAllCasesForAdmin() });
}

const STATUS_LABELS: Record<string, string> = { draft: "Utkast", published: "Publicerat" };

export default function AdminCases() {
  const { cases } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB]} current="Case" />
      <h1>Hantera case</h1>
      <p>
        <Link className="button" to={NEW_CASE_HREF}>
          Skriv ett nytt case
        </Link>
      </p>
      {cases.length ? (
        <div className="table-scroll">
          <table>
            <caption>Alla case, senast ändrade först</caption>
            <thead>
              <tr>
                <th scope="col">Rubrik</th>
                <th scope="col">Kommun eller organisation</th>
                <th scope="col">Status</th>
                <th scope="col">Senast ändrat</th>
                <th scope="col">Senast granskat</th>
                <th scope="col">Redaktör</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={adminCaseHref(c.id)}>{c.title}</Link>
                  </th>
                  <td>{c.municipality?.name ?? c.organisation?.name ?? "–"}</td>
                  <td>{STATUS_LABELS[c.status] ?? c.status}</td>
                  <td>
                    <DateTime value={c.updatedAt} format="short" />
                  </td>
                  <td>{c.lastReviewedAt ? <DateTime value={c.lastReviewedAt} format="short" /> : "Aldrig"}</td>
                  <td>{c.editor?.name ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Det finns inga case än. Börja med att skriva ett.</p>
      )}
    </>
  );
}
