import { json } from "@remix-run/node";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { PageHeader } from "~/components/page-header";
import { env } from "~/utils/env.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () =>
  pageMeta("Tillgänglighetsredogörelse", "Hur tillgänglig Kommunforum Analytics är, kända brister och hur du rapporterar problem.");

/** Update when the statement is reviewed again. */
const LAST_REVIEWED = "2026-11-28T12:00:00Z";

export async function loader() {
  const { APP_URL, ORGANIZER_NAME, ORGANIZER_TITLE } = env();
  return json({ siteUrl: APP_URL, organizer: { name: ORGANIZER_NAME, title: ORGANIZER_TITLE } });
}

export default function Accessibility() {
  const { siteUrl, organizer } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        // A soft hyphen lets the long compound break on narrow screens.
        title={"Tillgänglighets\u00ADredogörelse"}
        lead="Webbplatsen ska gå att använda för alla, också med skärmläsare, bara tangentbord, förstoring eller på en låst arbetsdator. Här beskriver vi hur långt vi har kommit."
      />
      <div className="prose">
        <p>
          Redogörelsen gäller webbplatsen Kommunforum Analytics på <span className="break-anywhere">{siteUrl}</span>. Webbplatsen drivs av forumansvarig,{" "}
          {organizer.name}
          {organizer.title ? ` (${organizer.title})` : ""}. Redogörelsen följer den struktur som Myndigheten för digital förvaltning (DIGG) anger för lagen
          (2018:1937) om tillgänglighet till digital offentlig service, ofta kallad DOS-lagen.
        </p>

        <h2>Hur tillgänglig är webbplatsen?</h2>
        <p>
          Målet är att webbplatsen ska uppfylla nivå AA i standarden WCAG 2.1. Vi bedömer att den är <strong>delvis förenlig</strong> med kraven, på grund av de
          brister som står nedan. Resten av webbplatsen ska fungera med tangentbord, skärmläsare, 200 procents förstoring och på skärmar som bara är 320 pixlar
          breda. Allt går att använda utan JavaScript.
        </p>

        <h2>Kända brister</h2>
        <ul>
          <li>
            <strong>Inspelningar hos andra tjänster.</strong> En del inspelningar av forumen ligger hos externa videotjänster. De kan sakna textning, och
            spelaren där styr vi inte över. Behöver du en textversion av en inspelning kan du be om det.
          </li>
          <li>
            <strong>Diagram i omröstningar.</strong> Diagrammen som visas för publiken medan deltagarna röstar ändras hela tiden, och en skärmläsare läser inte
            upp varje ändring. Samma siffror finns alltid i en tabell under diagrammet.
          </li>
          <li>
            <strong>Material från talare.</strong> Presentationer och dokument som talarna delar efter ett forum har de gjort själva. De kan sakna
            rubrikstruktur, alternativtext eller tillräcklig kontrast.
          </li>
        </ul>

        <h2>Om du inte kan använda delar av webbplatsen</h2>
        <p>
          Om något på webbplatsen inte fungerar för dig, eller om du behöver innehållet i en annan form, kan du{" "}
          <Link to="/kontakt">kontakta forumansvarig</Link>. Berätta vilken sida det gäller och vad som hände, så svarar vi så snart vi kan.
        </p>

        <h2>Rapportera brister</h2>
        <p>
          Vi vill gärna veta om du hittar något som hindrar dig. Skriv till <Link to="/kontakt">forumansvarig</Link>. Alla rapporter läses och brister som vi
          får veta om åtgärdas eller läggs till i listan ovan.
        </p>

        <h2>Tillsyn</h2>
        <p>
          Myndigheten för digital förvaltning (DIGG) har ansvar för tillsynen över DOS-lagen. Om du inte är nöjd med hur vi har tagit hand om dina synpunkter
          kan du anmäla det till DIGG. Du hittar deras kontaktvägar på <a href="https://www.digg.se">digg.se</a>.
        </p>

        <h2>Hur vi har testat webbplatsen</h2>
        <ul>
          <li>Varje sida granskas automatiskt med verktyget axe i de tester som körs vid varje ändring av koden.</li>
          <li>Vi går igenom sidorna med bara tangentbord och kontrollerar att fokus alltid syns och hamnar rätt.</li>
          <li>Vi använder sidorna med skärmläsare och kontrollerar rubriker, länktexter, formulär och felmeddelanden.</li>
          <li>Vi kontrollerar sidorna vid 200 procents förstoring och på smala mobilskärmar.</li>
        </ul>

        <h2>Om redogörelsen</h2>
        <p>
          Redogörelsen granskades och uppdaterades senast <DateTime value={LAST_REVIEWED} format="short" />.
        </p>
      </div>
    </>
  );
}
