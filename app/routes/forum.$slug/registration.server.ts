import { redirect } from "@remix-run/node";
import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { requestRegistration } from "~/models/registration-pending.server";
import { CLOSED_MESSAGES, findRegistrationByEmail, getEventForRegistration, getMemberDefaults, registerForEvent } from "~/models/registration.server";
import { registrationClosedReason } from "~/models/registration-seats.server";
import { memberRegistrationSchema, registrationSchema } from "~/validation/registration";
import { chosenOrganisation } from "~/validation/organisation";
import { getOptionalUser } from "~/models/auth.server";
import { eventHref, registrationSentHref } from "~/utils/links";
import { formValues, parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { formRateLimit } from "~/models/rate-limit.server";
import { registrationPagePath } from "~/utils/signed-links.server";
import { badRequest, requireParam, tooManyAttempts } from "~/utils/http.server";

/**
 * The registration part of the event page's loader and action, beside it so the
 * page route stays small. Only a signed-in member with a confirmed address registers
 * at once; everyone else gets a mail with a confirmation link and the page
 * "Kolla din e-post", the same whether or not the address was registered before.
 */

export async function loadRegistrationSection(
  request: Request,
  event: { id: string; status?: string; startsAt: Date | string; endsAt: Date | string; registrationDeadline: Date | string | null },
) {
  const closedReason = registrationClosedReason({
    status: event.status ?? "published",
    startsAt: new Date(event.startsAt),
    endsAt: new Date(event.endsAt),
    registrationDeadline: event.registrationDeadline ? new Date(event.registrationDeadline) : null,
  });
  const user = await getOptionalUser(request);
  const member = user ? await getMemberDefaults(user.id) : null;
  // Only a proven address may see (and get the link to) the registration made with it.
  const own = member && user?.emailVerified && !closedReason ? await findRegistrationByEmail(event.id, member.email) : null;
  return {
    closedMessage: closedReason ? CLOSED_MESSAGES[closedReason] : null,
    member: member ? { name: member.name, email: member.email, workplace: member.workplace, title: member.title } : null,
    ownRegistration: own && (own.status === "confirmed" || own.status === "waitlisted") ? { status: own.status, path: registrationPagePath(own.id) } : null,
  };
}

export async function registrationAction(request: Request, context: AppLoadContext, params: ActionFunctionArgs["params"]) {
  const formData = await readFormData(request);
  const event = await getEventForRegistration(requireParam(params, "slug", "slug", "Forumet finns inte"));
  if (!event || event.status === "draft") throw new Response("Forumet finns inte", { status: 404 });
  // Bots fill the hidden field: they get a plain answer and nothing is stored.
  if (formData.get("webbplats")) return redirect(eventHref(event));

  const user = await getOptionalUser(request);
  const member = user ? await getMemberDefaults(user.id) : null;
  let input;
  if (member) {
    const parsed = parseForm(memberRegistrationSchema, formData);
    if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
    input = {
      name: member.name,
      email: member.email,
      title: parsed.data.title,
      municipalityCode: member.municipalityCode,
      organisationName: member.organisationName,
      consentInvites: parsed.data.consentInvites,
    };
  } else {
    const parsed = parseForm(registrationSchema, formData);
    if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
    const d = parsed.data;
    input = {
      name: d.name,
      email: d.email,
      title: d.title,
      ...chosenOrganisation(d),
      consentInvites: d.consentInvites,
    };
  }

  // Only forms that passed validation count (a whole municipality may share one IP);
  // a refusal is shown in the form, with what was typed.
  const values = formValues(formData);
  const refused = await formRateLimit([["registrationIp", context.clientIp ?? "okänd"]]);
  if (refused) return tooManyAttempts(refused, values);
  const registration = { ...input, eventId: event.id, userId: user?.id ?? null };
  const result = member && user?.emailVerified ? await registerForEvent(registration, new Date(), event) : await requestRegistration(registration);
  switch (result.outcome) {
    case "confirmed":
    case "waitlisted":
    case "already": // a proven address: straight to the registration made with it
      return redirect(registrationPagePath(result.registrationId), { headers: { "Cache-Control": "no-store" } });
    case "sent":
      return redirect(registrationSentHref(event, input.email), { headers: { "Cache-Control": "no-store" } });
    case "unknown-municipality":
      return badRequest({ municipalityCode: "Välj din kommun i listan." }, values);
    case "closed":
      return badRequest({ form: CLOSED_MESSAGES[result.reason] }, values, { status: 409 });
  }
}
