import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { hasRole, requireRole } from "~/utils/auth.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () => pageMeta("Arrangörsverktyg", "Verktyg för att driva Kommunforum Analytics.");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "organizer");
  return json({ isAdmin: hasRole(user, "admin") });
}

// The start page of the organizer's workspace. Events, cases, polls and the
// inbox get their own sections as those features land.
export default function AdminHome() {
  const { isAdmin } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Arrangörsverktyg</h1>
      <p className="lead">Här driver du forumet: evenemang, anmälningar, innehåll och e-post.</p>
      <ul>
        <li>
          <Link to="/admin/inkorg">Inkorg</Link>: meddelanden från kontaktformuläret
        </li>
        <li>
          <Link to="/admin/logg">Logg</Link>: allt som arrangörer, moderatorer och administratörer har ändrat
        </li>
        <li>
          <Link to="/admin/forum">Forum: skapa, ändra, publicera och ställ in</Link>
        </li>
        <li>
          <Link to="/admin/forum/ny">Skapa ett nytt forum</Link>
        </li>
        <li>
          <Link to="/admin/case">Case</Link>: skriv, granska och publicera kommunernas case
        </li>
        <li>
          <Link to="/admin/spaningar">Spaningar</Link>: forumansvarigs artiklar
        </li>
        {isAdmin ? (
          <>
            <li>
              <Link to="/admin/anvandare">Användare och roller</Link>
            </li>
            <li>
              <Link to="/admin/mejl">Utgående e-post</Link>
            </li>
          </>
        ) : (
          <li>Användare och e-post hanteras av en administratör.</li>
        )}
      </ul>
    </>
  );
}
