import { formatDate } from "./format";
import { ROLE_LABELS, type Role } from "./roles";

/**
 * The audit log in Swedish: each recorded action (see recordAudit calls in
 * app/models) as the rest of a sentence that starts with who did it. The
 * things an entry concerns arrive as refs (name + link, or no link when the
 * record is gone), resolved in one batch by listAuditPage. An action without
 * a description here still reads as Swedish, never as its raw name
 * (audit-text.test.ts fails for any action in the code that lacks one).
 */

export type AuditRef = { name: string; href: string | null };
export type AuditPart = string | AuditRef;
export type AuditRefKey = "forum" | "thread" | "post" | "into" | "case" | "article" | "poll" | "person" | "message" | "item" | "from" | "to";
export type AuditRefs = Partial<Record<AuditRefKey, AuditRef>>;
type Ctx = { d: Record<string, unknown>; r: AuditRefs; id: string | null };

export const GONE = "(borttagen)";
const gone: AuditRef = { name: GONE, href: null };

/** A title in the sentence: long ones are cut, so a row stays a row. */
export function shortTitle(title: string, max = 40): string {
  const t = title.trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t || GONE;
}

/** Builds parts from a template: strings stay text, refs become links. */
function s(strings: TemplateStringsArray, ...values: (AuditPart | undefined)[]): AuditPart[] {
  const parts: AuditPart[] = [];
  strings.forEach((text, i) => {
    if (text) parts.push(text);
    if (i < values.length) parts.push(values[i] ?? gone);
  });
  return parts;
}

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : "");
const count = (v: unknown) => (typeof v === "number" ? String(v) : "några");
const roleName = (v: unknown) => (typeof v === "string" && v in ROLE_LABELS ? ROLE_LABELS[v as Role].toLowerCase() : "okänd roll");
const direction = (v: unknown) => (v === "up" ? "upp" : v === "down" ? "ned" : "");
const quoted = (v: unknown) => `”${shortTitle(text(v) || GONE)}”`;

/** Every action the code records, and what it says. */
export const AUDIT_DESCRIPTIONS: Record<string, (c: Ctx) => AuditPart[]> = {
  "event.create": ({ r }) => s`skapade forumet ${r.forum}`,
  "event.duplicate": ({ r }) => s`skapade utkastet ${r.forum} som kopia av ett tidigare forum`,
  "event.update": ({ r }) => s`ändrade forumet ${r.forum}`,
  "event.publish": ({ r }) => s`publicerade forumet ${r.forum}`,
  "event.unpublish": ({ r }) => s`avpublicerade forumet ${r.forum}`,
  "event.cancel": ({ r, d }) => s`ställde in forumet ${r.forum} och mejlade ${count(d.emailed)} anmälda`,
  "event.agenda.add": ({ r }) => s`lade till programpunkten ${r.item} i ${r.forum}`,
  "event.agenda.update": ({ r }) => s`ändrade programpunkten ${r.item} i ${r.forum}`,
  "event.agenda.delete": ({ r }) => s`tog bort en programpunkt ur ${r.forum}`,
  "event.agenda.move": ({ r, d }) => s`flyttade programpunkten ${r.item} ${direction(d.direction)} i ${r.forum}`,
  "event.speaker.add": ({ r }) => s`lade till talaren ${r.item} i ${r.forum}`,
  "event.speaker.update": ({ r }) => s`ändrade talaren ${r.item} i ${r.forum}`,
  "event.speaker.delete": ({ r }) => s`tog bort en talare ur ${r.forum}`,
  "event.speaker.move": ({ r, d }) => s`flyttade talaren ${r.item} ${direction(d.direction)} i ${r.forum}`,
  "invitations.send": ({ r }) => s`skickade inbjudningar till ${r.forum}`,
  "registration.add": ({ r }) => s`anmälde ${r.person} till ${r.forum} för hand`,
  "registration.cancel": ({ r }) => s`avbokade ${r.person} från ${r.forum}`,
  "registration.promote": ({ r }) => s`gav ${r.person} en plats i ${r.forum} från väntelistan`,
  "registration.attended": ({ r }) => s`markerade att ${r.person} deltog i ${r.forum}`,
  "registration.absent": ({ r }) => s`markerade att ${r.person} inte deltog i ${r.forum}`,
  "registrations.export": ({ r, d }) => s`laddade ned deltagarlistan för ${r.forum} (${count(d.rows)} rader)`,
  "registrations.message": ({ r, d }) => s`skickade meddelandet ${quoted(d.subject)} till ${count(d.recipients)} anmälda till ${r.forum}`,
  "registrations.reminder": ({ r, d }) => s`skickade en påminnelse till ${count(d.recipients)} anmälda till ${r.forum}`,
  "recording.create": ({ r }) => s`lade upp inspelningen av ${r.forum}`,
  "recording.update": ({ r }) => s`ändrade inspelningen av ${r.forum}`,
  "recording.chapter.add": ({ r, d }) => s`lade till kapitlet ${quoted(d.title)} i inspelningen av ${r.forum}`,
  "recording.chapter.update": ({ r, d }) => s`ändrade kapitlet ${quoted(d.title)} i inspelningen av ${r.forum}`,
  "recording.chapter.delete": ({ r }) => s`tog bort ett kapitel ur inspelningen av ${r.forum}`,
  "recording.material.add": ({ r, d }) => s`lade till materialet ${quoted(d.title)} till inspelningen av ${r.forum}`,
  "recording.material.delete": ({ r }) => s`tog bort material från inspelningen av ${r.forum}`,
  "poll.create": ({ r }) => s`skapade omröstningen ${r.poll} i ${r.forum}`,
  "poll.update": ({ r }) => s`ändrade omröstningen ${r.poll} i ${r.forum}`,
  "poll.delete": ({ r }) => s`tog bort omröstningen ${r.poll} i ${r.forum}`,
  "poll.draft": ({ r }) => s`gjorde omröstningen ${r.poll} i ${r.forum} till utkast igen`,
  "poll.open": ({ r }) => s`öppnade omröstningen ${r.poll} i ${r.forum}`,
  "poll.close": ({ r }) => s`stängde omröstningen ${r.poll} i ${r.forum}`,
  "poll.publish": ({ r }) => s`publicerade resultatet av omröstningen ${r.poll} i ${r.forum}`,
  "case.create": ({ r }) => s`skapade caset ${r.case}`,
  "case.update": ({ r }) => s`ändrade caset ${r.case}`,
  "case.publish": ({ r }) => s`publicerade caset ${r.case}`,
  "case.unpublish": ({ r }) => s`avpublicerade caset ${r.case}`,
  "case.review": ({ r }) => s`markerade caset ${r.case} som granskat`,
  "case.editor": ({ r }) => (r.person ? s`gav ${r.person} ansvaret för att uppdatera caset ${r.case}` : s`tog bort redaktören för caset ${r.case}`),
  "article.create": ({ r }) => s`skapade spaningen ${r.article}`,
  "article.update": ({ r }) => s`ändrade spaningen ${r.article}`,
  "article.publish": ({ r }) => s`publicerade spaningen ${r.article}`,
  "article.unpublish": ({ r }) => s`avpublicerade spaningen ${r.article}`,
  "post.hide": ({ r }) => s`dolde ${r.post} i ${r.thread}`,
  "post.unhide": ({ r }) => s`visade ${r.post} i ${r.thread} igen`,
  "flag.dismiss": ({ r }) => s`avfärdade flaggningarna av ${r.post} i ${r.thread}`,
  "thread.lock": ({ r }) => s`låste tråden ${r.thread}`,
  "thread.unlock": ({ r }) => s`låste upp tråden ${r.thread}`,
  "thread.pin": ({ r }) => s`fäste tråden ${r.thread} överst`,
  "thread.unpin": ({ r }) => s`tog bort tråden ${r.thread} från toppen`,
  "thread.hide": ({ r }) => s`dolde tråden ${r.thread}`,
  "thread.unhide": ({ r }) => s`visade tråden ${r.thread} igen`,
  "thread.move": ({ r }) => s`flyttade tråden ${r.thread} från ${r.from} till ${r.to}`,
  "thread.merge": ({ r }) => s`slog ihop tråden ${r.thread} med ${r.into}`,
  "thread.accept": ({ r }) => s`markerade ${r.post} som accepterat svar i ${r.thread}`,
  "thread.unaccept": ({ r }) => s`tog bort markeringen av accepterat svar i ${r.thread}`,
  "user.role": ({ r, d }) => s`ändrade rollen för ${r.person} från ${roleName(d.from)} till ${roleName(d.to)}`,
  "user.suspend": ({ r, d }) => s`stängde av ${r.person} till och med ${typeof d.until === "string" ? formatDate(d.until) : "vidare"}`,
  "user.unsuspend": ({ r }) => s`hävde avstängningen av ${r.person}`,
  "affiliation.approve": ({ r, d }) => s`bekräftade att ${r.person} arbetar i ${text(d.affiliation) || "sin organisation"}`,
  "affiliation.reject": ({ r, d }) => s`kunde inte bekräfta att ${r.person} arbetar i ${text(d.affiliation) || "sin organisation"}`,
  "affiliation.domain.add": ({ id }) => s`lade till e-postdomänen ${quoted(id)}`,
  "affiliation.domain.remove": ({ id }) => s`tog bort e-postdomänen ${quoted(id)}`,
  "contact.reply": ({ r }) => s`svarade på meddelandet ${r.message}`,
  "contact.status": ({ r, d }) => s`satte meddelandet ${r.message} som ${text(d.status) || "ändrat"}`,
  "contact.assign": ({ r }) => (r.person ? s`lämnade meddelandet ${r.message} till ${r.person}` : s`tog bort ansvarig för meddelandet ${r.message}`),
  "retention.run": () => s`gallrade gamla personuppgifter enligt reglerna för lagring`,
};

/** The rest of the sentence after who did it. An unknown action gets a plain sentence naming what it concerns. */
export function describeAudit(entry: { action: string; entityId: string | null; detail: Record<string, unknown> }, refs: AuditRefs): AuditPart[] {
  const describe = Object.hasOwn(AUDIT_DESCRIPTIONS, entry.action) ? AUDIT_DESCRIPTIONS[entry.action] : undefined;
  if (describe) return describe({ d: entry.detail, r: refs, id: entry.entityId });
  const about = refs.forum ?? refs.thread ?? refs.case ?? refs.article ?? refs.person ?? refs.message;
  return about ? s`gjorde en ändring som gäller ${about}` : ["gjorde en ändring"];
}

/** Who did it: "Forumansvarig Anna Andersson", "Moderator …", or the system for scheduled jobs and the command line. */
export function actorTitle(role: string | null): string {
  if (role === "organizer") return "Forumansvarig";
  if (role === "admin") return "Administratör";
  if (role === "moderator") return "Moderator";
  return "";
}
