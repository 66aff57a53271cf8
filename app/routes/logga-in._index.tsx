import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { logIn } from "~/models/login.server";
import { requireAnonymous } from "~/models/auth.server";
import { formValues, parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { badRequest, passRetryAfter, tooManyAttempts } from "~/utils/http.server";
import { homeAfterLogin } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { beginAttempt } from "~/models/rate-limit.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { signupHref } from "~/utils/links";
import { loginSchema } from "~/validation/auth";

export const meta: MetaFunction = () => pageMeta("Logga in", "Logga in på Kommunforum Analytics.");

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const parsed = parseForm(loginSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const attempt = await beginAttempt("login", { account: parsed.data.email, address: context.clientIp ?? "okänd" });
  if (!attempt.allowed) return tooManyAttempts(attempt, formValues(formData));
  const result = await logIn(request, parsed.data.email, parsed.data.password);
  if (!result) {
    return badRequest({ password: "Fel e-postadress eller lösenord. Kontrollera stavningen och försök igen." }, formValues(formData));
  }
  await attempt.succeeded();
  // Without a page to return to, organizers, moderators and admins land in their workspace.
  const redirectTo = safeRedirect(parsed.data.redirectTo, homeAfterLogin(result.role));
  const next = result.needsSecondFactor ? `/logga-in/tvastegs?redirectTo=${encodeURIComponent(redirectTo)}` : redirectTo;
  return redirect(next, { headers: { "Set-Cookie": result.cookie } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.errors;
  return (
    <>
      <h1>Logga in</h1>
      <p className="lead">Logga in för att ställa frågor, svara och följa diskussioner.</p>
      {searchParams.get("bekraftad") ? (
        <div className="notice notice--success" role="status">
          <p>E-postadressen är bekräftad. Logga in för att fortsätta.</p>
        </div>
      ) : null}
      {searchParams.get("aterstallt") ? (
        <div className="notice notice--success" role="status">
          <p>Ditt lösenord är bytt och du är utloggad överallt. Logga in med ditt nya lösenord.</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField
          name="email"
          label="E-postadress"
          type="email"
          autoComplete="username"
          defaultValue={actionData?.values.email}
          error={errors?.email}
          required
        />
        <TextField name="password" label="Lösenord" type="password" autoComplete="current-password" error={errors?.password} required />
        <SubmitButton pendingText="Loggar in…">Logga in</SubmitButton>
      </Form>
      <p>
        <Link to="/glomt-losenord">Glömt lösenordet?</Link>
      </p>
      <p>
        Inget konto? <Link to={signupHref(safeRedirect(searchParams.get("redirectTo"), "") || undefined)}>Bli medlem</Link>
      </p>
    </>
  );
}
