import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import QRCode from "qrcode";
import { ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { beginTotpEnrolment, confirmTotpEnrolment, disableTotp, pendingEnrolment, remainingRecoveryCodes } from "~/models/totp.server";
import { markSessionTwoFactorVerified } from "~/models/session.server";
import { getAuth, requireUser } from "~/models/auth.server";
import { failureOf, parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { badRequest } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { verifyPassword } from "~/utils/password.server";
import { getPasswordHash } from "~/models/user.server";
import { totpCodeSchema } from "~/validation/auth";

export const meta: MetaFunction = () => pageMeta("Tvåstegsverifiering", "Skydda ditt konto med en kod från en app i telefonen.");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.totpEnabled) return json({ enabled: true as const, remaining: await remainingRecoveryCodes(user.id), role: user.role });
  const enrolment = (await pendingEnrolment(user.id, user.email)) ?? (await beginTotpEnrolment(user.id, user.email));
  // The QR code is drawn on the server: no third-party service sees the secret.
  const qr = await QRCode.toString(enrolment.uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return json({
    enabled: false as const,
    role: user.role,
    manualKey: enrolment.manualKey,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(qr).toString("base64")}`,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  if (formData.get("intent") === "disable") {
    if (user.role === "admin") return badRequest({ form: "Administratörer måste ha tvåstegsverifiering påslagen." });
    const hash = await getPasswordHash(user.id);
    if (!hash || !(await verifyPassword(hash, String(formData.get("currentPassword") ?? "")))) {
      return badRequest({ currentPassword: "Lösenordet stämmer inte." });
    }
    await disableTotp(user.id);
    return redirect("/profil?sparat=tvastegsav");
  }
  const parsed = parseForm(totpCodeSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors);
  const codes = await confirmTotpEnrolment(user.id, parsed.data.code);
  if (!codes) return badRequest({ code: "Koden stämmer inte. Kontrollera att klockan i telefonen går rätt och skriv den kod som visas nu." });
  const { session } = await getAuth(request);
  if (session) await markSessionTwoFactorVerified(session.id);
  return json({ ok: true as const, recoveryCodes: codes });
}

export default function TwoFactor() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = failureOf(actionData)?.errors;

  if (actionData && "recoveryCodes" in actionData) {
    return (
      <>
        <h1>Tvåstegsverifiering är påslagen</h1>
        <p className="lead">Spara återställningskoderna nedan på ett säkert ställe. De visas bara den här gången.</p>
        <p>Varje kod kan användas en gång om du inte har tillgång till telefonen.</p>
        <ul className="recovery-codes">
          {actionData.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link to="/profil?sparat=tvastegs">Jag har sparat koderna, tillbaka till profilen</Link>
        </p>
      </>
    );
  }

  if (data.enabled) {
    return (
      <>
        <h1>Tvåstegsverifiering</h1>
        <p className="lead">Tvåstegsverifiering är påslagen för ditt konto.</p>
        <p>Du har {data.remaining} oanvända återställningskoder.</p>
        <ErrorSummary errors={errors} />
        {data.role === "admin" ? (
          <p>Som administratör måste du ha tvåstegsverifiering påslagen.</p>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="disable" />
            <TextField name="currentPassword" label="Ditt lösenord" type="password" autoComplete="current-password" error={errors?.currentPassword} />
            <SubmitButton secondary name="intent" value="disable">
              Stäng av tvåstegsverifiering
            </SubmitButton>
          </Form>
        )}
        <p>
          <Link to="/profil">Tillbaka till profilen</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>Slå på tvåstegsverifiering</h1>
      {searchParams.get("krav") === "admin" ? (
        <div className="notice notice--warning" role="status">
          <p>Administratörer måste ha tvåstegsverifiering. Slå på den för att komma vidare.</p>
        </div>
      ) : null}
      <p className="lead">Med tvåstegsverifiering behöver du både lösenordet och en kod från en app i telefonen för att logga in.</p>
      <ol>
        <li>Öppna en autentiseringsapp, till exempel Microsoft Authenticator, Google Authenticator eller FreeOTP.</li>
        <li>
          Skanna QR-koden, eller skriv in nyckeln för hand.
          <p>
            <img src={data.qrDataUrl} alt="QR-kod för autentiseringsappen. Nyckeln står också i text nedanför." width={200} height={200} />
          </p>
          <p>
            Nyckel att skriva in för hand: <code data-testid="totp-key">{data.manualKey}</code>
          </p>
        </li>
        <li>Skriv den sexsiffriga kod som appen visar.</li>
      </ol>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <TextField name="code" label="Kod från appen" inputMode="numeric" autoComplete="one-time-code" error={errors?.code} />
        <SubmitButton pendingText="Kontrollerar…">Slå på</SubmitButton>
      </Form>
    </>
  );
}
