import type { MetaFunction } from "@remix-run/node";
import { Link, useSearchParams } from "@remix-run/react";
import { loginHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { safeRedirect } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => pageMeta("Kolla din e-post", "Vi har skickat ett mejl för att bekräfta din e-postadress.");

// The same page whether or not the address already had an account (no account
// enumeration): it repeats the address typed into the form, nothing from the database.
export default function SignupSent() {
  const [searchParams] = useSearchParams();
  const address = (searchParams.get("adress") ?? "").slice(0, 254);
  const next = safeRedirect(searchParams.get("redirectTo"), "") || undefined;
  return (
    <>
      <h1>Kolla din e-post</h1>
      <p className="lead">
        {address ? (
          <>
            Vi har skickat ett mejl till <strong>{address}</strong>.
          </>
        ) : (
          "Vi har skickat ett mejl till adressen du angav."
        )}{" "}
        Följ länken i mejlet för att bekräfta adressen.
      </p>
      <p>
        Öppnar du länken i den här webbläsaren blir du inloggad direkt{next ? " och kommer tillbaka dit du var" : ""}. Länken gäller i 48 timmar. Hittar du
        inget mejl? Titta i skräpposten. Stämmer adressen inte? <Link to="/registrera">Börja om</Link>.
      </p>
      <p>
        <Link to={next ? loginHref(next) : "/logga-in"}>Till inloggningen</Link>
      </p>
    </>
  );
}
