import { json } from "@remix-run/node";
import { addGuestByHand, guestNames } from "~/models/guest-list.server";
import { sendInvitations } from "~/models/invitation.server";
import { cancelRegistration } from "~/models/registration.server";
import { countMessageRecipients, messageConfirmed, promoteManually, renderMessage, sendTestMessage, setAttendance } from "~/models/registration-admin.server";
import { countEarlyReminderRecipients, sendEarlyReminder } from "~/models/registration-reminders.server";
import { formValues, parseForm } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { guestAddSchema, organizerRegistrationActionSchema } from "~/validation/registration";

/** The guest list's actions: one person, many at once (after a confirmation for cancel and promote), a person added by hand, and the mailings. */

type Event = { id: string; title: string; capacity: number | null; seatsTaken: number };

const ARRAY_FIELDS = ["ids"] as const;

const BULK_DONE: Record<string, (n: number) => string> = {
  attended: (n) => `${n} markerade som närvarande.`,
  absent: (n) => `Närvaron är borttagen för ${n}.`,
  promote: (n) => `${n} har fått en plats och ett mejl var.`,
  cancel: (n) => `${n} anmälningar är borttagna. De har fått ett mejl, och lediga platser har gått till väntelistan.`,
};

export async function guestListAction(actor: { id: string; name: string; email: string }, event: Event, formData: FormData) {
  const actorId = actor.id;
  const intent = String(formData.get("intent") ?? "");
  if (intent === "add") {
    const parsed = parseForm(guestAddSchema, formData);
    if (!parsed.ok) return badRequest(parsed.errors, parsed.values, { intent });
    const r = await addGuestByHand(actorId, event.id, parsed.data);
    if (r.outcome === "already") return badRequest({ email: "Adressen är redan anmäld till forumet." }, formValues(formData), { intent });
    if (r.outcome === "unknown-municipality") return badRequest({ municipalityCode: "Välj en kommun i listan." }, formValues(formData), { intent });
    if (r.outcome === "closed")
      return badRequest({ form: "Forumet tar inte emot anmälningar (det har börjat, är inställt eller inte publicerat)." }, formValues(formData), { intent });
    const where = r.outcome === "confirmed" ? "har fått en plats" : `står på väntelistan som nummer ${r.position}`;
    return json({ ok: true as const, intent, message: `${parsed.data.name} ${where} och har fått en bekräftelse med e-post.` });
  }

  const parsed = parseForm(organizerRegistrationActionSchema, formData, ARRAY_FIELDS);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values, { intent });
  const d = parsed.data;
  const done = (message: string) => json({ ok: true as const, intent: d.intent, message });
  switch (d.intent) {
    case "promote": {
      const r = await promoteManually(d.registrationId, actorId);
      if (r !== "promoted") return badRequest({ form: "Personen står inte på väntelistan längre." }, {}, { intent });
      return done("Personen har fått en plats och ett mejl.");
    }
    case "cancel": {
      const r = await cancelRegistration(d.registrationId, { actorId });
      if (r.outcome !== "cancelled") return badRequest({ form: "Anmälan är redan borttagen." }, {}, { intent });
      return done(
        r.promoted.length
          ? "Anmälan är borttagen och personen har fått ett mejl. Platsen har gått till väntelistan, som också har fått mejl."
          : "Anmälan är borttagen och personen har fått ett mejl.",
      );
    }
    case "attended":
    case "absent": {
      const ok = await setAttendance(event.id, d.registrationId, d.intent === "attended", actorId);
      if (!ok) return badRequest({ form: "Närvaro kan bara markeras för personer med plats, när forumet har börjat." }, {}, { intent });
      return done(d.intent === "attended" ? "Närvaron är sparad." : "Närvaron är borttagen.");
    }
    case "bulk": {
      // Cancelling and promoting mail people and move the queue: the page asks first, naming them.
      if ((d.bulkAction === "cancel" || d.bulkAction === "promote") && d.confirmed !== "ja") {
        const people = await guestNames(event.id, d.ids);
        return json({ ok: true as const, intent: d.intent, confirm: { bulkAction: d.bulkAction, people } });
      }
      let n = 0;
      for (const id of d.ids) {
        if (d.bulkAction === "attended" || d.bulkAction === "absent") n += (await setAttendance(event.id, id, d.bulkAction === "attended", actorId)) ? 1 : 0;
        else if (d.bulkAction === "promote") n += (await promoteManually(id, actorId)) === "promoted" ? 1 : 0;
        else n += (await cancelRegistration(id, { actorId })).outcome === "cancelled" ? 1 : 0;
      }
      if (!n) return badRequest({ form: "Inget ändrades: åtgärden passar inte de valda (närvaro kräver plats och att forumet har börjat)." }, {}, { intent });
      return done(BULK_DONE[d.bulkAction]!(n));
    }
    case "reminder": {
      if (d.confirmed !== "ja") return json({ ok: true as const, intent: d.intent, confirmReminder: { count: await countEarlyReminderRecipients(event.id) } });
      const r = await sendEarlyReminder(event.id, actorId);
      if (r.outcome !== "sent") return badRequest({ form: "Påminnelser kan bara skickas för publicerade forum som inte har börjat." }, {}, { intent });
      return done(
        r.recipients
          ? `Påminnelsen är lagd i utkorgen till ${r.recipients} ${r.recipients === 1 ? "person" : "personer"}. Den schemalagda påminnelsen skickas ändå.`
          : "Alla med plats har redan fått en påminnelse i förväg.",
      );
    }
    case "invite": {
      const r = await sendInvitations(event.id, actorId);
      if (r.outcome !== "sent") return badRequest({ form: "Inbjudan kan bara skickas för publicerade forum som inte har börjat." }, {}, { intent });
      return done(r.queued ? `Inbjudan är lagd i utkorgen till ${r.queued} prenumeranter.` : "Alla på listan har redan fått inbjudan till det här forumet.");
    }
    case "message-preview":
    case "message-test":
    case "message": {
      const text = { subject: d.subject, body: d.body };
      const values = { subject: d.subject, body: d.body, topic: d.topic ?? "" };
      if (d.intent === "message-preview") {
        const mail = await renderMessage(event.id, text, actor);
        return json({ ok: true as const, intent: d.intent, values, preview: mail ? { subject: mail.subject, text: mail.text } : null });
      }
      if (d.intent === "message-test") {
        await sendTestMessage(event.id, text, actor);
        return json({ ok: true as const, intent: d.intent, values, message: `Ett testmejl är på väg till ${actor.email}. Så här ser det ut för deltagarna.` });
      }
      // The send itself is confirmed with the number of recipients first.
      if (d.confirmed !== "ja") return json({ ok: true as const, intent: d.intent, values, confirmSend: { count: await countMessageRecipients(event.id) } });
      const n = await messageConfirmed(event.id, text, actorId, { topic: d.topic });
      if (d.topic === "recording" && !n) return done("Alla med plats har redan fått veta att inspelningen finns.");
      return done(`Meddelandet är lagt i utkorgen till ${n} ${n === 1 ? "person" : "personer"}.`);
    }
  }
}
