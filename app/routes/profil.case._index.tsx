import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { listCasesEditedBy } from "~/models/case-admin.server";
import { requireUser } from "~/models/auth.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () => pageMeta("Mina case", "Case som du är redaktör för och kan hålla aktuella.");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ cases: await listCasesEditedBy(user.id) });
}

export default function MyCases() {
  const { cases } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/profil", label: "Min profil" }]} current="Mina case" />
      <h1>Mina case</h1>
      <p className="lead">Här finns de case som forumansvarig har gett dig i uppdrag att hålla aktuella.</p>
      {cases.length ? (
        <ul>
          {cases.map((c) => (
            <li key={c.id}>
              <Link to={`/profil/case/${c.id}`}>{c.title}</Link> ({c.status === "published" ? "publicerat" : "utkast"}, senast ändrat{" "}
              <DateTime value={c.updatedAt} format="short" />)
            </li>
          ))}
        </ul>
      ) : (
        <p>
          Du är inte redaktör för något case. Vill du beskriva din kommuns arbete? <Link to="/kontakt">Kontakta forumansvarig</Link>, så kan du få ett case att
          redigera.
        </p>
      )}
    </>
  );
}
