import {
  adminArticleHref,
  adminCaseHref,
  adminEventHref,
  adminRegistrationsHref,
  ADMIN_USERS_HREF,
  inboxMessageHref,
  moderatePostHref,
  moderateThreadHref,
} from "./links";
import { ROLE_LABELS } from "./roles";

const ROLE_NAMES: Record<string, string> = ROLE_LABELS;

/**
 * The audit log in Swedish: what each action means ("dolde ett inlägg"), the
 * areas of the filter, a link to the thing it concerns, and the facts worth
 * reading from its detail (the reason first). No model names or raw JSON reach
 * the page; an action without a label is shown by its area.
 */

const ACTIONS: Record<string, string> = {
  "affiliation.domain.add": "lade till en domän som verifierar medlemmar",
  "affiliation.domain.remove": "tog bort en domän som verifierar medlemmar",
  "article.create": "skapade en spaning",
  "article.update": "ändrade en spaning",
  "case.create": "skapade ett case",
  "case.update": "ändrade ett case",
  "case.editor": "bytte redaktör för ett case",
  "case.review": "granskade ett case",
  "contact.reply": "svarade på ett meddelande",
  "event.create": "skapade ett forum",
  "event.update": "ändrade ett forum",
  "event.duplicate": "kopierade ett forum som nytt utkast",
  "event.publish": "publicerade ett forum",
  "event.unpublish": "avpublicerade ett forum",
  "event.cancel": "ställde in ett forum",
  "event.agenda.add": "lade till en programpunkt",
  "event.agenda.update": "ändrade en programpunkt",
  "event.agenda.delete": "tog bort en programpunkt",
  "event.agenda.move": "flyttade en programpunkt",
  "event.speaker.add": "lade till en talare",
  "event.speaker.update": "ändrade en talare",
  "event.speaker.delete": "tog bort en talare",
  "event.speaker.move": "flyttade en talare",
  "flag.dismiss": "avfärdade flaggningar",
  "invitations.send": "skickade inbjudan till listan",
  "poll.create": "skapade en omröstning",
  "poll.update": "ändrade en omröstning",
  "poll.delete": "tog bort en omröstning",
  "post.hide": "dolde ett inlägg",
  "post.unhide": "visade ett dolt inlägg igen",
  "recording.chapter.add": "lade till ett kapitel",
  "recording.chapter.delete": "tog bort ett kapitel",
  "recording.material.add": "lade till material",
  "recording.material.delete": "tog bort material",
  "registration.add": "anmälde en person för hand",
  "registration.cancel": "avanmälde en person",
  "registration.promote": "gav en person på väntelistan plats",
  "registration.attended": "markerade närvaro",
  "registration.absent": "tog bort närvaro",
  "registrations.export": "laddade ner anmälningarna",
  "registrations.message": "skickade ett meddelande till deltagarna",
  "registrations.reminder": "skickade påminnelsen",
  "retention.run": "gallrade personuppgifter",
  "thread.accept": "markerade ett svar som accepterat",
  "thread.merge": "slog ihop trådar",
  "thread.move": "flyttade en tråd",
  "user.role": "ändrade en användares roll",
  "user.suspend": "stängde av en medlem",
  "user.unsuspend": "hävde en avstängning",
};

export const AUDIT_AREAS: Record<string, string> = {
  affiliation: "Verifiering",
  article: "Spaningar",
  case: "Case",
  contact: "Inkorg",
  event: "Forum",
  flag: "Flaggningar",
  invitations: "Inbjudningar",
  poll: "Omröstningar",
  post: "Inlägg",
  recording: "Inspelningar",
  registration: "Anmälningar",
  registrations: "Utskick och export",
  retention: "Gallring",
  thread: "Trådar",
  user: "Användare",
};

export function auditActionLabel(action: string): string {
  return ACTIONS[action] ?? `gjorde en ändring (${AUDIT_AREAS[action.split(".")[0]!] ?? "övrigt"})`;
}

function parse(detail: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(detail);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown) => (typeof v === "string" && v ? v : null);

/** Where the entry leads: the thing it concerns, in the workspace. */
export function auditLink(entry: { entityType: string; entityId: string | null; detail: string }): { to: string; label: string } | null {
  const id = entry.entityId;
  const d = parse(entry.detail);
  const eventId = str(d.eventId);
  switch (entry.entityType) {
    case "Event":
      return id ? { to: adminEventHref(id), label: "Forumet" } : null;
    case "Speaker":
    case "AgendaItem":
      return eventId ? { to: adminEventHref(eventId), label: "Forumets program" } : null;
    case "Registration":
      return eventId ? { to: adminRegistrationsHref(eventId), label: "Forumets anmälningar" } : null;
    case "Case":
      return id ? { to: adminCaseHref(id), label: "Caset" } : null;
    case "Article":
      return id ? { to: adminArticleHref(id), label: "Spaningen" } : null;
    case "Post":
      return id ? { to: moderatePostHref(id), label: "Inlägget" } : null;
    case "Thread":
      return id ? { to: moderateThreadHref(id), label: "Tråden" } : null;
    case "ContactMessage":
      return id ? { to: inboxMessageHref(id), label: "Meddelandet" } : null;
    case "User":
      return { to: ADMIN_USERS_HREF, label: "Användarna" };
    default:
      return null;
  }
}

/** The facts worth reading, in Swedish: the reason, a title or subject, how many got a mail. */
export function auditFacts(detail: string): string[] {
  const d = parse(detail);
  const facts: string[] = [];
  if (str(d.reason)) facts.push(`Motivering: ${str(d.reason)}`);
  if (str(d.title)) facts.push(`”${str(d.title)}”`);
  if (str(d.subject)) facts.push(`Rubrik: ”${str(d.subject)}”`);
  if (typeof d.recipients === "number") facts.push(`${d.recipients} mottagare`);
  if (typeof d.rows === "number") facts.push(`${d.rows} rader`);
  if (str(d.to) && str(d.from)) facts.push(`Roll: ${ROLE_NAMES[str(d.from)!] ?? str(d.from)} → ${ROLE_NAMES[str(d.to)!] ?? str(d.to)}`);
  if (str(d.until)) facts.push(`Till ${new Date(str(d.until)!).toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" })}`);
  return facts;
}
