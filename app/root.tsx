import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useMatches, useRouteLoaderData } from "@remix-run/react";
import { useFocusOnNavigation } from "~/components/navigation-focus";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { WorkspaceHeader } from "~/components/workspace-header";
import stylesheet from "~/styles/app.css";
import { getAuth, getOptionalUser } from "~/models/auth.server";
import { publicEnv } from "~/utils/env.server";
import { pageMeta, SITE_NAME } from "~/utils/meta";
import { wantsChrome } from "~/utils/route-handle";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const user = await getOptionalUser(request);
  return json(
    { env: publicEnv(), user: user ? { name: user.name, role: user.role } : null },
    // A session past half its idle time gets a renewed cookie.
    { headers: auth.setCookie ? { "Set-Cookie": auth.setCookie } : {} },
  );
}

/** Passes a renewed session cookie, and a 429's Retry-After, on to document responses. */
export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const cookie = loaderHeaders.get("Set-Cookie");
  const retryAfter = errorHeaders?.get("Retry-After");
  const headers = new Headers();
  if (cookie) headers.set("Set-Cookie", cookie);
  if (retryAfter) headers.set("Retry-After", retryAfter); // 429 pages say when to try again
  return headers;
};

export function Document({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="sv">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Shell({ children }: { children: ReactNode }) {
  // The error boundary renders without loader data, so the user may be unknown.
  const data = useRouteLoaderData<typeof loader>("root");
  useFocusOnNavigation();
  const matches = useMatches();
  const chrome = wantsChrome(matches);
  if (!chrome) {
    return (
      <main id="huvudinnehall" tabIndex={-1} className="bare">
        {children}
      </main>
    );
  }
  // The organizer's workspace (/admin) has its own header and a wide page, without the public menu and footer.
  const workspace = matches.some((m) => m.id === "routes/admin");
  return (
    <>
      <a className="skip-link" href="#huvudinnehall">
        Hoppa till huvudinnehållet
      </a>
      {data?.env.MAIL_MODE === "outbox" ? (
        <div className="demo-banner">
          <div className="container">
            Demoläge: e-post skickas inte ut<span className="demo-banner__more"> utan sparas i utkorgen, där en administratör kan läsa den</span>.
          </div>
        </div>
      ) : null}
      {workspace ? <WorkspaceHeader user={data?.user ?? null} /> : <SiteHeader user={data?.user ?? null} />}
      <main id="huvudinnehall" tabIndex={-1}>
        <div className={workspace ? "container container--wide" : "container"}>{children}</div>
      </main>
      {workspace ? null : <SiteFooter operator={data?.env.OPERATOR_NAME} />}
    </>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return (
    <Document>
      <Shell>
        <Outlet />
      </Shell>
    </Document>
  );
}

export function ErrorBoundary() {
  return (
    <Document>
      <Shell>
        <GeneralErrorBoundary />
      </Shell>
    </Document>
  );
}

export const meta: MetaFunction = ({ error }) =>
  error
    ? pageMeta(isRouteErrorResponse(error) && error.status === 404 ? "Sidan finns inte" : "Något gick fel", "Sidan kunde inte visas.")
    : pageMeta(SITE_NAME, "Mötesplatsen där Sveriges kommuner delar erfarenheter av BI, IoT och AI.");
