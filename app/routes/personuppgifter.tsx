import { json } from "@remix-run/node";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { PageHeader } from "~/components/page-header";
import { env } from "~/utils/env.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () =>
  pageMeta("Personuppgiftspolicy", "Vilka personuppgifter Kommunforum Analytics sparar, varför, hur länge och vilka rättigheter du har.");

/** Update when the notice changes. */
const LAST_UPDATED = "2026-12-06T12:00:00Z";

export async function loader() {
  const e = env();
  return json({
    operator: e.OPERATOR_NAME,
    organizer: { name: e.ORGANIZER_NAME, title: e.ORGANIZER_TITLE, email: e.ORGANIZER_EMAIL },
    retention: {
      registrationMonths: e.RETENTION_REGISTRATION_MONTHS,
      contactMonths: e.RETENTION_CONTACT_MONTHS,
      unverifiedDays: e.RETENTION_UNVERIFIED_DAYS,
      mailDays: e.RETENTION_MAIL_DAYS,
    },
  });
}

const months = (n: number) => (n === 1 ? "1 månad" : `${n} månader`);
const days = (n: number) => (n === 1 ? "1 dag" : `${n} dagar`);

export default function Privacy() {
  const { operator, organizer, retention } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Personuppgiftspolicy"
        lead="Vi sparar bara de uppgifter som behövs för att forumet ska fungera. Här står vad vi sparar, varför, hur länge och vad du kan göra."
      />
      <div className="prose">
        <h2>Vem ansvarar för dina uppgifter?</h2>
        <p>
          Personuppgiftsansvarig är <strong>{operator}</strong>, som driver Kommunforum Analytics. Forumansvarig, {organizer.name}
          {organizer.title ? `, ${organizer.title}` : ""}, svarar för forumen och för frågor om dina uppgifter. Du når forumansvarig på{" "}
          <a href={`mailto:${organizer.email}`}>{organizer.email}</a> eller via <Link to="/kontakt">kontaktsidan</Link>.
        </p>

        <h2>Vad vi sparar och varför</h2>
      </div>
      <div className="table-scroll">
        <table>
          <caption>Personuppgifter, ändamål, rättslig grund och hur länge de sparas</caption>
          <thead>
            <tr>
              <th scope="col">Uppgifter</th>
              <th scope="col">Varför</th>
              <th scope="col">Rättslig grund</th>
              <th scope="col">Hur länge</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Medlemskonto: namn, e-post, titel, kommun eller organisation</th>
              <td>För att du ska kunna logga in, delta i diskussioner och hålla ditt case aktuellt.</td>
              <td>Vi behöver uppgifterna för att ge dig tjänsten du har bett om.</td>
              <td>Så länge du har kontot. Ett konto vars e-postadress aldrig bekräftas tas bort efter {days(retention.unverifiedDays)}.</td>
            </tr>
            <tr>
              <th scope="row">Anmälan till forum: namn, e-post, titel, kommun eller organisation</th>
              <td>För att skicka bekräftelse, länk och påminnelse, och för att veta hur många platser som finns kvar.</td>
              <td>Berättigat intresse av att kunna genomföra forumet, och att ge dig den plats du har anmält dig till.</td>
              <td>
                Uppgifterna avidentifieras {months(retention.registrationMonths)} efter forumet. En anmälan som aldrig bekräftas via länken i mejlet tas bort{" "}
                {days(retention.unverifiedDays)} efter att länken har slutat gälla.
              </td>
            </tr>
            <tr>
              <th scope="row">Kontaktmeddelanden: namn, e-post, kommun och det du skriver</th>
              <td>För att kunna svara dig.</td>
              <td>Berättigat intresse av att besvara frågor om forumet.</td>
              <td>Meddelandet tas bort {months(retention.contactMonths)} efter att ärendet har arkiverats.</td>
            </tr>
            <tr>
              <th scope="row">E-post vi skickar till dig: adress, ämne och innehåll</th>
              <td>För att kunna skicka om mejl som inte kom fram och se vad som har skickats om du frågar.</td>
              <td>Samma som för uppgifterna mejlet gäller (konto, anmälan, meddelande eller inbjudan).</td>
              <td>Skickade mejl tas bort {days(retention.mailDays)} efter att de skickades.</td>
            </tr>
            <tr>
              <th scope="row">Svar i omröstningar under forum</th>
              <td>För att visa resultat för alla deltagare. Resultaten visas bara som antal och andelar.</td>
              <td>Berättigat intresse av att redovisa forumets resultat.</td>
              <td>Så länge resultaten finns på webbplatsen. Ingen kan se vad en enskild person har svarat.</td>
            </tr>
            <tr>
              <th scope="row">Inbjudningslistan: e-post och, om du vill, namn och kommun</th>
              <td>För att skicka inbjudan till kommande forum.</td>
              <td>Ditt samtycke, som du bekräftar via en länk i e-post.</td>
              <td>Tills du avanmäler dig. Varje inbjudan har en länk för att avanmäla sig.</td>
            </tr>
          </tbody>
        </table>
      </div>

      <div className="prose">
        <h2>Ingen delning och ingen spårning</h2>
        <p>
          Vi säljer inte dina uppgifter och lämnar inte ut dem till någon annan. Webbplatsen använder inga tjänster från tredje part för statistik, annonser
          eller typsnitt, och den hämtar inget från andra webbplatser när du läser den.
        </p>
        <p>Webbplatsen sätter bara två sorters kakor, och ingen av dem används för att följa dig:</p>
        <ul>
          <li>en inloggningskaka när du har loggat in, så att du förblir inloggad;</li>
          <li>en kaka när du röstar i en omröstning, så att du bara räknas en gång och kan ändra ditt svar.</li>
        </ul>

        <h2>Dina rättigheter</h2>
        <ul>
          <li>
            <strong>Se dina uppgifter.</strong> Som medlem kan du ladda ner allt vi har sparat om dig från din profil. Du kan också be forumansvarig om ett
            utdrag.
          </li>
          <li>
            <strong>Rätta uppgifter.</strong> Du kan ändra dina uppgifter i din profil, eller be oss rätta dem.
          </li>
          <li>
            <strong>Få uppgifter raderade.</strong> Du kan ta bort ditt konto. Inlägg du har skrivit ligger kvar men visas som skrivna av en borttagen medlem.
            Du kan också be oss ta bort en anmälan eller ett meddelande.
          </li>
          <li>
            <strong>Invända och återkalla samtycke.</strong> Du kan när som helst avanmäla dig från inbjudningslistan, och invända mot behandling som bygger på
            berättigat intresse.
          </li>
          <li>
            <strong>Klaga.</strong> Om du tycker att vi hanterar dina uppgifter fel kan du vända dig till Integritetsskyddsmyndigheten (IMY) på{" "}
            <a href="https://www.imy.se">imy.se</a>.
          </li>
        </ul>

        <h2>Kontakt</h2>
        <p>
          Frågor om dina personuppgifter skickar du till <a href={`mailto:${organizer.email}`}>{organizer.email}</a>.
        </p>
        <p className="muted">
          Senast uppdaterad <DateTime value={LAST_UPDATED} format="short" />.
        </p>
      </div>
    </>
  );
}
