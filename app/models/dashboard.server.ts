import { prisma } from "~/utils/db.server";
import { TIME_ZONE } from "~/utils/format";
import { countPendingClaims } from "./affiliation-admin.server";
import { visibleThread } from "./discussion.server";

/**
 * The organizer's dashboard: the next forum, what is waiting, and how many of
 * the 290 municipalities the forum has reached. A handful of grouped queries,
 * whatever the size of the data.
 */
const dayKey = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

export async function nextForumStats(now: Date = new Date()) {
  const event = await prisma.event.findFirst({
    where: { status: "published", endsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: { id: true, slug: true, title: true, startsAt: true, capacity: true, seatsTaken: true },
  });
  if (!event) return null;
  const [byStatus, registrations] = await Promise.all([
    prisma.registration.groupBy({ by: ["status"], where: { eventId: event.id }, _count: { _all: true } }),
    // Seats and the queue only: pending and expired registrations were never confirmed.
    prisma.registration.findMany({ where: { eventId: event.id, status: { in: ["confirmed", "waitlisted"] } }, select: { createdAt: true } }),
  ]);
  const count = (status: string) => byStatus.find((g) => g.status === status)?._count._all ?? 0;
  // Registrations per day in Stockholm, for the last 14 days.
  const perDay = new Map<string, number>();
  for (let i = 13; i >= 0; i--) perDay.set(dayKey.format(new Date(now.getTime() - i * 86_400_000)), 0);
  for (const r of registrations) {
    const key = dayKey.format(r.createdAt);
    if (perDay.has(key)) perDay.set(key, perDay.get(key)! + 1);
  }
  return {
    ...event,
    confirmed: count("confirmed"),
    waitlisted: count("waitlisted"),
    pending: count("pending"),
    seatsLeft: event.capacity === null ? null : event.capacity - event.seatsTaken,
    perDay: [...perDay].map(([day, n]) => ({ day, n })),
  };
}

export async function waitingCounts(now: Date = new Date()) {
  const monthStart = new Date(now.getFullYear(), now.getMonth(), 1);
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const [newMembers, openFlags, newContacts, unansweredThreads] = await Promise.all([
    prisma.user.count({ where: { createdAt: { gte: monthStart }, deletedAt: null } }),
    prisma.flag.count({ where: { status: "open" } }),
    prisma.contactMessage.count({ where: { status: "ny" } }),
    prisma.thread.count({ where: { answerCount: 0, createdAt: { lt: weekAgo }, ...visibleThread } }),
  ]);
  return { newMembers, openFlags, newContacts, unansweredThreads };
}

export type CountyCoverage = {
  code: string;
  name: string;
  total: number;
  withMember: number;
  registered: number;
  withCase: number;
  neverReached: { code: string; name: string }[];
};

/** Per county: municipalities with a member, a forum registration or a published case, and those never reached. */
export async function coverage(): Promise<{
  counties: CountyCoverage[];
  totals: Omit<CountyCoverage, "code" | "name" | "neverReached"> & { neverReached: number };
}> {
  const [municipalities, members, registrations, cases] = await Promise.all([
    prisma.municipality.findMany({ select: { code: true, name: true, county: { select: { code: true, name: true } } }, orderBy: { name: "asc" } }),
    prisma.user.groupBy({ by: ["municipalityCode"], where: { municipalityCode: { not: null }, deletedAt: null } }),
    prisma.registration.groupBy({ by: ["municipalityCode"], where: { municipalityCode: { not: null }, status: { in: ["confirmed", "waitlisted"] } } }),
    prisma.case.groupBy({ by: ["municipalityCode"], where: { municipalityCode: { not: null }, status: "published" } }),
  ]);
  const set = (rows: { municipalityCode: string | null }[]) => new Set(rows.map((r) => r.municipalityCode));
  const [memberSet, registeredSet, caseSet] = [set(members), set(registrations), set(cases)];
  const counties = new Map<string, CountyCoverage>();
  for (const m of municipalities) {
    const c = counties.get(m.county.code) ?? {
      code: m.county.code,
      name: m.county.name,
      total: 0,
      withMember: 0,
      registered: 0,
      withCase: 0,
      neverReached: [],
    };
    c.total++;
    const member = memberSet.has(m.code);
    const registered = registeredSet.has(m.code);
    const hasCase = caseSet.has(m.code);
    if (member) c.withMember++;
    if (registered) c.registered++;
    if (hasCase) c.withCase++;
    if (!member && !registered && !hasCase) c.neverReached.push({ code: m.code, name: m.name });
    counties.set(m.county.code, c);
  }
  const list = [...counties.values()].sort((a, b) => a.code.localeCompare(b.code));
  const sum = (f: (c: CountyCoverage) => number) => list.reduce((n, c) => n + f(c), 0);
  return {
    counties: list,
    totals: {
      total: sum((c) => c.total),
      withMember: sum((c) => c.withMember),
      registered: sum((c) => c.registered),
      withCase: sum((c) => c.withCase),
      neverReached: sum((c) => c.neverReached.length),
    },
  };
}

/** The counts beside the workspace's tools: what waits in the inbox, the flag queue and the affiliation queue. */
export async function workspaceBadges({ organizer }: { organizer: boolean }) {
  const [openFlags, newContacts, pendingClaims] = await Promise.all([
    prisma.flag.count({ where: { status: "open" } }),
    organizer ? prisma.contactMessage.count({ where: { status: "ny" } }) : 0,
    organizer ? countPendingClaims() : 0,
  ]);
  return { openFlags, newContacts, pendingClaims };
}

/** The next forums (published or still drafts) with their numbers, for the dashboard's table. */
export async function upcomingForums(now: Date = new Date(), take = 5) {
  const events = await prisma.event.findMany({
    where: { status: { in: ["published", "draft"] }, endsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    take,
    select: { id: true, slug: true, title: true, status: true, startsAt: true, capacity: true, seatsTaken: true },
  });
  const groups = events.length
    ? await prisma.registration.groupBy({ by: ["eventId", "status"], where: { eventId: { in: events.map((e) => e.id) } }, _count: { _all: true } })
    : [];
  const count = (eventId: string, status: string) => groups.find((g) => g.eventId === eventId && g.status === status)?._count._all ?? 0;
  return events.map((e) => ({
    ...e,
    confirmed: count(e.id, "confirmed"),
    waitlisted: count(e.id, "waitlisted"),
    pending: count(e.id, "pending"),
    seatsLeft: e.capacity === null ? null : Math.max(0, e.capacity - e.seatsTaken),
  }));
}
