import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () => pageMeta("Kolla din e-post", "Vi har skickat ett mejl för att bekräfta din e-postadress.");

// The same page whether or not the address already had an account (no account enumeration).
export default function SignupSent() {
  return (
    <>
      <h1>Kolla din e-post</h1>
      <p className="lead">Vi har skickat ett mejl till adressen du angav. Följ länken i mejlet för att bekräfta adressen.</p>
      <p>
        Länken gäller i 48 timmar. Hittar du inget mejl? Titta i skräpposten. Du kan logga in redan nu och be om en ny
        länk från din profilsida.
      </p>
      <p>
        <Link to="/logga-in">Till inloggningen</Link>
      </p>
    </>
  );
}
