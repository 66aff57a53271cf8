import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { safeRedirect } from "~/utils/safe-redirect";
import { loginHref, signupSentHref } from "~/utils/links";
import { signupBrowserCookie } from "~/utils/signup-browser.server";
import { ErrorSummary, Honeypot, SubmitButton, TextField } from "~/components/forms";
import { OrganisationFields } from "~/components/organisation-fields";
import { signUp } from "~/models/account.server";
import { requireAnonymous } from "~/models/auth.server";
import { formValues, parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { badRequest, passRetryAfter, tooManyAttempts } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { hashPassword } from "~/utils/password.server";
import { weakPasswordReason } from "~/utils/password-policy.server";
import { formRateLimit } from "~/models/rate-limit.server";
import { PASSWORD_MIN, signupSchema, toOrganisationChoice } from "~/validation/auth";

export const meta: MetaFunction = () => pageMeta("Bli medlem", "Skapa ett konto för att delta i diskussioner och dela erfarenheter med andra kommuner.");

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await readFormData(request);
  // Bots fill the hidden field; they get the same answer as people, and nothing is stored.
  if (formData.get("webbplats")) return redirect(signupSentHref(String(formData.get("email") ?? "").slice(0, 254)));
  const next = safeRedirect(formData.get("redirectTo"), "") || undefined;
  const parsed = parseForm(signupSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const weak = weakPasswordReason(parsed.data.password, parsed.data.email);
  if (weak) return badRequest({ password: weak }, formValues(formData));
  // Only a valid form counts: a few per address, many per IP (a municipality shares one).
  const refused = await formRateLimit([
    ["signupAddress", parsed.data.email],
    ["signupIp", context.clientIp ?? "okänd"],
  ]);
  if (refused) return tooManyAttempts(refused, formValues(formData));
  const result = await signUp({
    name: parsed.data.name,
    email: parsed.data.email,
    title: parsed.data.title,
    passwordHash: await hashPassword(parsed.data.password),
    organisation: toOrganisationChoice(parsed.data),
    next,
  });
  if (!result.ok) return badRequest({ [result.field]: result.message }, formValues(formData));
  // The same for a new and a taken address: the page shows what was typed, the cookie only names it.
  return redirect(signupSentHref(parsed.data.email, next), { headers: { "Set-Cookie": signupBrowserCookie(parsed.data.email) } });
}

export default function Signup() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  const values: Record<string, string> = actionData?.values ?? {};
  const [searchParams] = useSearchParams();
  const next = safeRedirect(searchParams.get("redirectTo"), "") || undefined;
  return (
    <>
      <h1>Bli medlem</h1>
      <p className="lead">Som medlem kan du ställa frågor, svara andra kommuner och följa diskussioner. Alla kan läsa utan konto.</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <Honeypot />
        <input type="hidden" name="redirectTo" value={next ?? ""} />
        <TextField name="name" label="Namn" autoComplete="name" defaultValue={values.name} error={errors?.name} required />
        <TextField
          name="email"
          label="E-postadress"
          type="email"
          autoComplete="email"
          hint="Helst din e-postadress i jobbet. Vi skickar en länk som du bekräftar adressen med."
          defaultValue={values.email}
          error={errors?.email}
          required
        />
        <TextField
          name="password"
          label="Lösenord"
          type="password"
          autoComplete="new-password"
          hint={`Minst ${PASSWORD_MIN} tecken. En fras med flera ord är både säker och lätt att minnas.`}
          error={errors?.password}
          required
        />
        <TextField
          name="title"
          label="Befattning (frivilligt)"
          hint="Till exempel BI-analytiker eller IT-strateg."
          autoComplete="organization-title"
          defaultValue={values.title}
          error={errors?.title}
        />
        <OrganisationFields values={values} errors={errors} withType />
        <p>
          Genom att skapa ett konto godkänner du att vi sparar uppgifterna ovan enligt vår <Link to="/personuppgifter">personuppgiftspolicy</Link>.
        </p>
        <SubmitButton pendingText="Skapar konto…">Skapa konto</SubmitButton>
      </Form>
      <p>
        Har du redan ett konto? <Link to={next ? loginHref(next) : "/logga-in"}>Logga in</Link>
      </p>
    </>
  );
}
