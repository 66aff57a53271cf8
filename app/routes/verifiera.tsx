import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Confirmation } from "~/components/form-success";
import { SubmitButton } from "~/components/forms";
import { confirmEmailAndSignIn } from "~/models/account.server";
import { getOptionalUser } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { badRequest } from "~/utils/http.server";
import { emailConfirmedHref, loginAfterConfirmHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { safeRedirect } from "~/utils/safe-redirect";
import { clearSignupBrowserCookie, signupBrowserEmail } from "~/utils/signup-browser.server";

export const meta: MetaFunction = () => pageMeta("Bekräfta e-postadress", "Bekräfta din e-postadress för Kommunforum Analytics.");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const confirmed = url.searchParams.get("bekraftad") === "1";
  return json({
    token: url.searchParams.get("token") ?? "",
    next: safeRedirect(url.searchParams.get("redirectTo"), ""),
    confirmed,
    loggedIn: confirmed && !!(await getOptionalUser(request)),
  });
}

// The link opens a page with a button, so mail scanners that follow links do not use the token up.
// From the browser that signed up, confirming also signs in; from another, the login follows.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const token = String(form.get("token") ?? "");
  const next = safeRedirect(form.get("redirectTo"), "") || undefined;
  const { result, sessionCookie } = await confirmEmailAndSignIn(token, signupBrowserEmail(request));
  if (result === "changed") return redirect("/profil?bekraftad=ny");
  if (result === "verified") {
    const headers = new Headers({ "Set-Cookie": clearSignupBrowserCookie() });
    if (sessionCookie) headers.append("Set-Cookie", sessionCookie);
    else if (await getOptionalUser(request)) return redirect(emailConfirmedHref(next), { headers }); // already signed in here
    return redirect(sessionCookie ? emailConfirmedHref(next) : loginAfterConfirmHref(next), { headers });
  }
  const message =
    result === "taken"
      ? "Adressen används redan av ett annat konto."
      : "Länken gäller inte längre. Den kan redan ha använts eller vara för gammal. Logga in och be om en ny länk från din profilsida.";
  return badRequest({ form: message });
}

export default function Verify() {
  const { token, next, confirmed, loggedIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (confirmed) {
    return (
      <>
        <h1>E-postadressen är bekräftad</h1>
        <Confirmation>
          <p>{loggedIn ? "Tack! Du är inloggad och kan nu ställa frågor, svara och följa diskussioner." : "Tack! Logga in för att fortsätta."}</p>
        </Confirmation>
        <p>
          {loggedIn ? (
            <Link className="button" to={next || "/profil"}>
              {next ? "Fortsätt där du var" : "Till din profil"}
            </Link>
          ) : (
            <Link className="button" to={loginAfterConfirmHref(next || undefined)}>
              Logga in
            </Link>
          )}
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Bekräfta din e-postadress</h1>
      {actionData ? (
        <div className="notice notice--error" role="alert">
          <p>{actionData.errors.form}</p>
          <p>
            <Link to="/profil">Till din profil</Link>
          </p>
        </div>
      ) : token ? (
        <>
          <p className="lead">Tryck på knappen för att bekräfta att adressen är din.</p>
          <Form method="post">
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="redirectTo" value={next} />
            <SubmitButton pendingText="Bekräftar…">Bekräfta e-postadressen</SubmitButton>
          </Form>
        </>
      ) : (
        <p className="lead">Länken saknar kod. Öppna länken från mejlet igen, eller be om en ny från din profilsida.</p>
      )}
    </>
  );
}
