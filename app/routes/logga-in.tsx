import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageMeta } from "~/utils/meta";

// Placeholder until the accounts work replaces this file.
export const meta: MetaFunction = () => pageMeta("Logga in", "Inloggning för medlemmar.");

export default function Login() {
  return (
    <>
      <h1>Logga in</h1>
      <div className="notice">
        <p>
          Medlemskonton kommer i nästa version. Allt på webbplatsen går att läsa utan konto. Frågor? <Link to="/kontakt">Kontakta forumansvarig</Link>.
        </p>
      </div>
    </>
  );
}
