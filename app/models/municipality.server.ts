import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { visibleThread } from "./discussion.server";

/**
 * Municipality pages: who is active where. Counts come from grouped queries
 * (one per kind of activity), never one query per municipality.
 */

const publishedCase = { status: "published" } satisfies Prisma.CaseWhereInput;
const publicEvent = { status: "published" } satisfies Prisma.EventWhereInput;
const listedMember = { listedPublicly: true, deletedAt: null, emailVerifiedAt: { not: null } } satisfies Prisma.UserWhereInput;
const threadByMemberOf = (code: string): Prisma.ThreadWhereInput => ({
  ...visibleThread,
  author: { municipalityCode: code, deletedAt: null },
});

export type ActivityCounts = { cases: number; forums: number; members: number; threads: number };

export type MunicipalityOverview = { code: string; name: string } & ActivityCounts;

export type CountyOverview = {
  code: string;
  name: string;
  municipalities: MunicipalityOverview[];
};

const EMPTY: ActivityCounts = { cases: 0, forums: 0, members: 0, threads: 0 };

/** Activity per municipality code; codes without activity are absent. */
export async function activityByMunicipality(): Promise<Map<string, ActivityCounts>> {
  const [cases, speakers, members, threadAuthors] = await Promise.all([
    prisma.case.groupBy({
      by: ["municipalityCode"],
      where: { ...publishedCase, municipalityCode: { not: null } },
      _count: { _all: true },
    }),
    // One row per (municipality, forum): two speakers from one town at one forum count once.
    prisma.speaker.groupBy({
      by: ["municipalityCode", "eventId"],
      where: { municipalityCode: { not: null }, event: publicEvent },
    }),
    prisma.user.groupBy({
      by: ["municipalityCode"],
      where: { ...listedMember, municipalityCode: { not: null } },
      _count: { _all: true },
    }),
    // Threads are grouped by their author's municipality: count per author, summed below.
    prisma.user.findMany({
      where: { municipalityCode: { not: null }, deletedAt: null, threads: { some: visibleThread } },
      select: { municipalityCode: true, _count: { select: { threads: { where: visibleThread } } } },
    }),
  ]);
  const result = new Map<string, ActivityCounts>();
  const entry = (code: string) => {
    let counts = result.get(code);
    if (!counts) result.set(code, (counts = { ...EMPTY }));
    return counts;
  };
  for (const row of cases) if (row.municipalityCode) entry(row.municipalityCode).cases = row._count._all;
  for (const row of speakers) if (row.municipalityCode) entry(row.municipalityCode).forums += 1;
  for (const row of members) if (row.municipalityCode) entry(row.municipalityCode).members = row._count._all;
  for (const row of threadAuthors) if (row.municipalityCode) entry(row.municipalityCode).threads += row._count.threads;
  return result;
}

/** All counties with their municipalities (Swedish alphabetical order) and activity counts. */
export async function listCountiesWithMunicipalities(): Promise<CountyOverview[]> {
  const [counties, activity] = await Promise.all([
    prisma.county.findMany({
      select: { code: true, name: true, municipalities: { select: { code: true, name: true } } },
    }),
    activityByMunicipality(),
  ]);
  const sv = (a: string, b: string) => a.localeCompare(b, "sv");
  return counties
    .map((county) => ({
      code: county.code,
      name: county.name,
      municipalities: county.municipalities
        .map((m) => ({ code: m.code, name: m.name, ...(activity.get(m.code) ?? EMPTY) }))
        .sort((a, b) => sv(a.name, b.name) || sv(a.code, b.code)),
    }))
    .sort((a, b) => sv(a.name, b.name));
}

const LIST_LIMIT = 50;

/** Everything the page of one municipality shows, or null for an unknown code. */
export async function getMunicipalityPage(code: string) {
  if (!/^\d{4}$/.test(code)) return null;
  const municipality = await prisma.municipality.findUnique({
    where: { code },
    select: { code: true, name: true, officialName: true, county: { select: { code: true, name: true } } },
  });
  if (!municipality) return null;
  const [cases, forums, members, threads] = await Promise.all([
    prisma.case.findMany({
      where: { ...publishedCase, municipalityCode: code },
      orderBy: [{ publishedAt: "desc" }, { title: "asc" }],
      take: LIST_LIMIT,
      select: {
        slug: true,
        title: true,
        summary: true,
        municipality: { select: { name: true, county: { select: { name: true } } } },
        organisation: { select: { name: true } },
        tags: { orderBy: { tag: { name: "asc" } }, select: { tag: { select: { slug: true, name: true } } } },
      },
    }),
    prisma.event.findMany({
      where: { ...publicEvent, speakers: { some: { municipalityCode: code } } },
      orderBy: { startsAt: "desc" },
      take: LIST_LIMIT,
      select: {
        slug: true,
        title: true,
        startsAt: true,
        status: true,
        speakers: { where: { municipalityCode: code }, orderBy: { position: "asc" }, select: { name: true, title: true } },
      },
    }),
    prisma.user.findMany({
      where: { ...listedMember, municipalityCode: code },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: LIST_LIMIT,
      select: { id: true, name: true, title: true, affiliationStatus: true },
    }),
    prisma.thread.findMany({
      where: threadByMemberOf(code),
      orderBy: { lastActivityAt: "desc" },
      take: LIST_LIMIT,
      select: { id: true, slug: true, title: true, answerCount: true, lastActivityAt: true },
    }),
  ]);
  return {
    code: municipality.code,
    name: municipality.name,
    officialName: municipality.officialName,
    county: municipality.county,
    cases: cases.map(({ tags, ...c }) => ({ ...c, tags: tags.map((t) => t.tag) })),
    forums,
    // Anyone can name a municipality; the badge says who is a verified member of it (ADR 012).
    members: members.map(({ affiliationStatus, ...m }) => ({ ...m, affiliation: affiliationStatus === "verified" ? municipality.officialName : null })),
    threads,
  };
}

export type MunicipalityPage = NonNullable<Awaited<ReturnType<typeof getMunicipalityPage>>>;

/** "2081-borlange" → "2081"; null when the slug does not start with four digits. */
export function codeFromSlug(slug: string): string | null {
  return /^(\d{4})(?:-|$)/.exec(slug)?.[1] ?? null;
}
