import { Link } from "@remix-run/react";
import { FEED_HREF } from "~/utils/links";

/** `operator`: the organisation that runs the service (OPERATOR_NAME); unknown on an error page without the root's data. */
export function SiteFooter({ operator }: { operator?: string }) {
  return (
    <footer className="site-footer">
      <div className="container">
        <nav aria-label="Sidfot">
          <ul>
            <li>
              <Link to="/kommun">Alla kommuner</Link>
            </li>
            <li>
              <a href={FEED_HREF}>Nyhetsflöde (Atom)</a>
            </li>
            <li>
              <Link to="/tillganglighet">Tillgänglighetsredogörelse</Link>
            </li>
            <li>
              <Link to="/personuppgifter">Personuppgiftspolicy</Link>
            </li>
            <li>
              <Link to="/kontakt">Kontakta forumansvarig</Link>
            </li>
          </ul>
        </nav>
        <p>
          Kommunforum Analytics är en mötesplats där Sveriges kommuner delar erfarenheter av analys: BI och beslutsstöd, IoT och AI. Webbplatsen använder inga
          spårningskakor och hämtar inget från tredje part utan ditt samtycke.
        </p>
        {operator ? <p>{`Webbplatsen drivs av ${operator}.`}</p> : null}
      </div>
    </footer>
  );
}
