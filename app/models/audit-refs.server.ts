import { prisma } from "~/utils/db.server";
import { GONE, shortTitle, type AuditRef, type AuditRefs } from "~/utils/audit-text";
import {
  adminArticleHref,
  adminCaseHref,
  adminEventHref,
  adminRegistrationsHref,
  adminUserSearchHref,
  categoryHref,
  inboxMessageHref,
  pollAdminHref,
  postAnchor,
  threadHref,
} from "~/utils/links";
import { subjectLabel } from "~/validation/contact";

/**
 * What each audit entry concerns, as names and links: one query per kind of
 * record for the whole page (no query per row). A record that no longer exists
 * keeps the name stored in the entry, or reads "(borttagen)", and gets no link.
 */

export type AuditRow = { action: string; entityType: string; entityId: string | null; detail: Record<string, unknown> };

const str = (v: unknown) => (typeof v === "string" && v ? v : null);
const quote = (title: string) => `”${shortTitle(title)}”`;
const stored = (name: unknown): AuditRef => ({ name: str(name) ? `${quote(str(name)!)} ${GONE}` : GONE, href: null });

/** The ids an entry points at, by kind. */
function pointers(row: AuditRow) {
  const d = row.detail;
  const id = row.entityId;
  const is = (type: string) => (row.entityType.toLowerCase() === type.toLowerCase() ? id : null);
  return {
    event: is("Event") ?? str(d.eventId),
    thread: is("Thread") ?? str(d.threadId),
    into: str(d.into),
    post: is("Post") ?? str(d.postId),
    case: is("Case"),
    article: is("Article"),
    poll: is("Poll"),
    message: is("ContactMessage"),
    registration: is("Registration"),
    speaker: is("Speaker"),
    agenda: is("AgendaItem"),
    user: is("User") ?? str(d.editorId) ?? str(d.assigneeId),
    from: row.action === "thread.move" ? str(d.from) : null,
    to: row.action === "thread.move" ? str(d.to) : null,
  };
}

function byId<T extends { id: string }>(rows: T[]) {
  return new Map(rows.map((r) => [r.id, r]));
}

/** Names and links for a page of entries, in the entries' order. `viewerIsAdmin`: people link to the user list (admins only). */
export async function resolveAuditRefs(rows: AuditRow[], viewerIsAdmin: boolean): Promise<AuditRefs[]> {
  const ps = rows.map(pointers);
  const ids = (pick: (p: ReturnType<typeof pointers>) => (string | null)[]) => [...new Set(ps.flatMap(pick).filter((x): x is string => !!x))];
  // One query per kind that the page points at; none for a kind it does not.
  const load = <T>(list: string[], query: (list: string[]) => Promise<T[]>) => (list.length ? query(list) : Promise.resolve([] as T[]));
  const [events, threads, posts, cases, articles, polls, messages, registrations, speakers, agenda, users, categories] = await Promise.all([
    load(
      ids((p) => [p.event]),
      (id) => prisma.event.findMany({ where: { id: { in: id } }, select: { id: true, title: true } }),
    ),
    load(
      ids((p) => [p.thread, p.into]),
      (id) => prisma.thread.findMany({ where: { id: { in: id } }, select: { id: true, title: true, slug: true } }),
    ),
    load(
      ids((p) => [p.post]),
      (id) => prisma.post.findMany({ where: { id: { in: id } }, select: { id: true, thread: { select: { id: true, title: true, slug: true } } } }),
    ),
    load(
      ids((p) => [p.case]),
      (id) => prisma.case.findMany({ where: { id: { in: id } }, select: { id: true, title: true } }),
    ),
    load(
      ids((p) => [p.article]),
      (id) => prisma.article.findMany({ where: { id: { in: id } }, select: { id: true, title: true } }),
    ),
    load(
      ids((p) => [p.poll]),
      (id) => prisma.poll.findMany({ where: { id: { in: id } }, select: { id: true, eventId: true, question: true } }),
    ),
    load(
      ids((p) => [p.message]),
      (id) => prisma.contactMessage.findMany({ where: { id: { in: id } }, select: { id: true, name: true, subject: true } }),
    ),
    load(
      ids((p) => [p.registration]),
      (id) => prisma.registration.findMany({ where: { id: { in: id } }, select: { id: true, eventId: true, name: true } }),
    ),
    load(
      ids((p) => [p.speaker]),
      (id) => prisma.speaker.findMany({ where: { id: { in: id } }, select: { id: true, name: true } }),
    ),
    load(
      ids((p) => [p.agenda]),
      (id) => prisma.agendaItem.findMany({ where: { id: { in: id } }, select: { id: true, title: true } }),
    ),
    load(
      ids((p) => [p.user]),
      (id) => prisma.user.findMany({ where: { id: { in: id } }, select: { id: true, name: true, email: true } }),
    ),
    load(
      ids((p) => [p.from, p.to]),
      (id) => prisma.discussionCategory.findMany({ where: { id: { in: id } }, select: { id: true, name: true, slug: true } }),
    ),
  ]);
  const maps = {
    events: byId(events),
    threads: byId(threads),
    posts: byId(posts),
    cases: byId(cases),
    articles: byId(articles),
    polls: byId(polls),
    messages: byId(messages),
    registrations: byId(registrations),
    speakers: byId(speakers),
    agenda: byId(agenda),
    users: byId(users),
    categories: byId(categories),
  };

  return rows.map((row, i) => {
    const p = ps[i]!;
    const d = row.detail;
    const refs: AuditRefs = {};
    const thread = (id: string | null) => {
      const t = id ? maps.threads.get(id) : undefined;
      return t ? { name: quote(t.title), href: threadHref(t) } : stored(null);
    };
    if (p.event) {
      const e = maps.events.get(p.event);
      refs.forum = e ? { name: quote(e.title), href: adminEventHref(e.id) } : stored(d.title && row.entityType === "Event" ? d.title : null);
    }
    if (p.thread) refs.thread = thread(p.thread);
    if (p.into) refs.into = thread(p.into);
    if (p.post) {
      const post = maps.posts.get(p.post);
      refs.post = post ? { name: "ett inlägg", href: `${threadHref(post.thread)}#${postAnchor(post.id)}` } : { name: "ett borttaget inlägg", href: null };
      if (post && !refs.thread) refs.thread = { name: quote(post.thread.title), href: threadHref(post.thread) };
    }
    if (p.case) {
      const c = maps.cases.get(p.case);
      refs.case = c ? { name: quote(c.title), href: adminCaseHref(c.id) } : stored(null);
    }
    if (p.article) {
      const a = maps.articles.get(p.article);
      refs.article = a ? { name: quote(a.title), href: adminArticleHref(a.id) } : stored(null);
    }
    if (p.poll) {
      const poll = maps.polls.get(p.poll);
      refs.poll = poll ? { name: quote(poll.question), href: pollAdminHref(poll.eventId, poll.id) } : stored(d.question);
    }
    if (p.message) {
      const m = maps.messages.get(p.message);
      refs.message = m ? { name: `${quote(subjectLabel(m.subject))} från ${m.name}`, href: inboxMessageHref(m.id) } : stored(null);
    }
    if (p.registration) {
      const r = maps.registrations.get(p.registration);
      refs.person = r ? { name: r.name || "en deltagare", href: adminRegistrationsHref(r.eventId) } : { name: `en deltagare ${GONE}`, href: null };
    }
    const item = p.speaker ? maps.speakers.get(p.speaker)?.name : p.agenda ? maps.agenda.get(p.agenda)?.title : undefined;
    if (p.speaker || p.agenda) {
      refs.item = item ? { name: quote(item), href: refs.forum?.href ?? null } : stored(d.name ?? d.title);
    }
    if (p.user) {
      const u = maps.users.get(p.user);
      refs.person = u ? { name: u.name, href: viewerIsAdmin ? adminUserSearchHref(u.email) : null } : { name: `en medlem ${GONE}`, href: null };
    }
    for (const key of ["from", "to"] as const) {
      const id = p[key];
      if (!id) continue;
      const c = maps.categories.get(id);
      refs[key] = c ? { name: quote(c.name), href: categoryHref(c) } : stored(null);
    }
    return refs;
  });
}
