import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { markSessionTwoFactorVerified } from "~/models/session.server";
import { verifySecondFactor } from "~/models/totp.server";
import { getAuth, needsSecondFactor } from "~/models/auth.server";
import { parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { badRequest, passRetryAfter, tooManyAttempts } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { beginAttempt } from "~/models/rate-limit.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { totpCodeSchema } from "~/validation/auth";

export const meta: MetaFunction = () => pageMeta("Tvåstegsverifiering", "Skriv koden från din autentiseringsapp.");

async function requirePendingSecondFactor(request: Request) {
  const auth = await getAuth(request);
  if (!auth.user) throw redirect("/logga-in");
  if (!needsSecondFactor(auth.user, auth.session)) throw redirect("/profil");
  return auth;
}

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePendingSecondFactor(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requirePendingSecondFactor(request);
  const formData = await readFormData(request);
  const parsed = parseForm(totpCodeSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors);
  const attempt = await beginAttempt("secondFactor", { account: user.id, address: context.clientIp ?? "okänd" });
  if (!attempt.allowed) return tooManyAttempts(attempt);
  if (!(await verifySecondFactor(user.id, parsed.data.code))) {
    return badRequest({
      code: "Koden stämmer inte eller är redan använd. Skriv den kod som visas i appen just nu (efter en använd kod: vänta på nästa), eller en oanvänd återställningskod.",
    });
  }
  await attempt.succeeded();
  await markSessionTwoFactorVerified(session.id);
  return redirect(safeRedirect(formData.get("redirectTo"), "/profil"));
}

export default function SecondFactor() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <>
      <h1>Tvåstegsverifiering</h1>
      <p className="lead">Skriv den sexsiffriga koden som visas i din autentiseringsapp.</p>
      <ErrorSummary errors={actionData?.errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField
          name="code"
          label="Kod"
          hint="Har du inte tillgång till appen? Skriv en av dina återställningskoder."
          inputMode="numeric"
          autoComplete="one-time-code"
          error={actionData?.errors?.code}
          required
        />
        <SubmitButton pendingText="Kontrollerar…">Fortsätt</SubmitButton>
      </Form>
    </>
  );
}
