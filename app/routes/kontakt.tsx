import { json } from "@remix-run/node";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { env } from "~/utils/env.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () =>
  pageMeta("Kontakta forumansvarig", "Frågor om forumen, inbjudningar, inspelningar eller om du vill berätta om din kommuns arbete.");

export async function loader() {
  const { ORGANIZER_NAME, ORGANIZER_TITLE, ORGANIZER_EMAIL } = env();
  return json({ organizer: { name: ORGANIZER_NAME, title: ORGANIZER_TITLE, email: ORGANIZER_EMAIL } });
}

export default function Contact() {
  const { organizer } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Kontakta forumansvarig"
        lead="Forumansvarig planerar forumen, bjuder in talare och svarar på frågor om webbplatsen."
      />

      <section aria-labelledby="vem">
        <h2 id="vem">Vem är forumansvarig?</h2>
        <p>
          {organizer.name}
          {organizer.title ? `, ${organizer.title}` : ""}.
        </p>
        <p>
          E-post: <a href={`mailto:${organizer.email}`}>{organizer.email}</a>
        </p>
      </section>

      <section className="section" aria-labelledby="vad">
        <h2 id="vad">Det här kan du höra av dig om</h2>
        <ul>
          <li>Du vill få en inbjudan till nästa forum.</li>
          <li>Du missade ett forum och vill se inspelningen.</li>
          <li>Din kommun vill berätta om sitt arbete på ett forum eller som ett case.</li>
          <li>Du har hittat ett fel eller något som är svårt att använda på webbplatsen.</li>
        </ul>
      </section>

      <div className="notice">
        <p>
          Ett kontaktformulär kommer i en senare version. Till dess går det bra att skicka e-post. Läs om hur vi hanterar{" "}
          <Link to="/personuppgifter">dina personuppgifter</Link>.
        </p>
      </div>
    </>
  );
}
