import { municipalityGroupOf } from "~/data/municipality-groups";
import { prisma } from "~/utils/db.server";
import { breakdownBy, resultRowsFor, type Breakdown, type TrendPoint } from "~/utils/poll-results";
import { normalizePollCode } from "~/validation/poll";

/**
 * Polls, the public side: published results of published forums (only counts,
 * never individual responses), the breakdowns and the trend of a repeated
 * question, and the open polls a forum page links to. Voting is in
 * poll-vote.server.ts, the organizer's side in poll-admin.server.ts.
 */

/** Each option with its number of answers, and the number of respondents. */
export async function countedOptions(pollId: string) {
  const [options, respondents] = await Promise.all([
    prisma.pollOption.findMany({
      where: { pollId },
      orderBy: { position: "asc" },
      select: { id: true, label: true, isDontKnow: true, importedPercent: true, _count: { select: { answers: true } } },
    }),
    prisma.pollResponse.count({ where: { pollId } }),
  ]);
  return { options: options.map(({ _count, ...o }) => ({ ...o, count: _count.answers })), respondents };
}

// ---------------------------------------------------------------------------
// Published results
// ---------------------------------------------------------------------------

/**
 * Public, read-only poll results: polls in state "published" whose forum is
 * published. Individual responses never leave this module, only counts.
 */
export async function listPublishedPolls(eventId?: string) {
  const rows = await prisma.poll.findMany({
    where: { state: "published", event: { status: "published" }, ...(eventId ? { eventId } : {}) },
    orderBy: [{ event: { startsAt: "desc" } }, { position: "asc" }],
    select: {
      id: true,
      code: true,
      question: true,
      multipleChoice: true,
      imported: true,
      resultNote: true,
      event: { select: { slug: true, title: true, startsAt: true } },
      options: {
        orderBy: { position: "asc" },
        select: { id: true, label: true, importedPercent: true, _count: { select: { answers: true } } },
      },
      _count: { select: { responses: true } },
    },
  });
  return rows.map(({ options, _count, ...poll }) => ({
    ...poll,
    respondents: _count.responses,
    options: options.map(({ _count: optionCount, ...option }) => ({ ...option, count: optionCount.answers })),
  }));
}

export type PublishedPoll = Awaited<ReturnType<typeof listPublishedPolls>>[number];

/** One published poll with its rows, for the results page and the downloads. */
export async function getPublishedPoll(code: string) {
  const poll = await prisma.poll.findFirst({
    where: { code, state: "published", event: { status: "published" } },
    select: {
      id: true,
      code: true,
      question: true,
      multipleChoice: true,
      imported: true,
      resultNote: true,
      publishedAt: true,
      event: { select: { slug: true, title: true, startsAt: true } },
    },
  });
  if (!poll) return null;
  const { options, respondents } = await countedOptions(poll.id);
  const rows = resultRowsFor({ ...poll, respondents, options });
  return { ...poll, respondents: poll.imported ? null : respondents, options: options.map((o) => ({ id: o.id, label: o.label })), rows };
}

type ResponseForBreakdown = { optionIds: string[]; municipalityCode: string | null; countyCode: string | null; countyName: string | null };

async function responsesForBreakdown(pollId: string): Promise<ResponseForBreakdown[]> {
  const rows = await prisma.pollResponse.findMany({
    where: { pollId },
    select: {
      municipalityCode: true,
      municipality: { select: { countyCode: true, county: { select: { name: true } } } },
      options: { select: { optionId: true } },
    },
  });
  return rows.map((r) => ({
    optionIds: r.options.map((o) => o.optionId),
    municipalityCode: r.municipalityCode,
    countyCode: r.municipality?.countyCode ?? null,
    countyName: r.municipality?.county.name ?? null,
  }));
}

/**
 * Results per county and per municipality group; any group with fewer than 5
 * respondents is left out (see breakdownBy), only their number is returned.
 */
export async function getBreakdowns(
  pollId: string,
  options: ReadonlyArray<{ id: string; label: string }>,
  multipleChoice: boolean,
): Promise<{ county: Breakdown; group: Breakdown }> {
  const responses = await responsesForBreakdown(pollId);
  return {
    county: breakdownBy(responses, options, multipleChoice, (r) => (r.countyCode && r.countyName ? { key: r.countyCode, label: r.countyName } : null)),
    group: breakdownBy(responses, options, multipleChoice, (r) => (r.municipalityCode ? municipalityGroupOf(r.municipalityCode) : null)),
  };
}

/**
 * The chain of polls that repeat one question (this poll, what it repeats, what
 * repeats it), published ones only, oldest first. Empty when there is no chain.
 */
export async function getTrend(pollId: string): Promise<TrendPoint[]> {
  // Up to the first asking of the question.
  let root = pollId;
  for (let steps = 0; steps < 50; steps++) {
    const row = await prisma.poll.findUnique({ where: { id: root }, select: { repeatOfId: true } });
    if (!row?.repeatOfId) break;
    root = row.repeatOfId;
  }
  // Then every repeat below it.
  const ids = new Set([root]);
  let frontier = [root];
  for (let steps = 0; frontier.length && steps < 50; steps++) {
    const next = await prisma.poll.findMany({ where: { repeatOfId: { in: frontier } }, select: { id: true } });
    frontier = next.map((n) => n.id).filter((id) => !ids.has(id));
    frontier.forEach((id) => ids.add(id));
  }
  if (ids.size < 2) return [];
  const polls = await prisma.poll.findMany({
    where: { id: { in: [...ids] }, state: "published", event: { status: "published" } },
    orderBy: { event: { startsAt: "asc" } },
    select: { id: true, code: true, question: true, imported: true, multipleChoice: true, event: { select: { title: true, startsAt: true } } },
  });
  const points: TrendPoint[] = [];
  for (const poll of polls) {
    const { options, respondents } = await countedOptions(poll.id);
    const rows = resultRowsFor({ ...poll, respondents, options });
    if (!rows) continue;
    points.push({
      code: poll.code,
      question: poll.question,
      eventTitle: poll.event.title,
      date: poll.event.startsAt,
      respondents: poll.imported ? null : respondents,
      rows,
    });
  }
  return points.length >= 2 ? points : [];
}

/** A published poll with its breakdowns, for the results page and both downloads. Throws 404. */
export async function loadPublishedPoll(rawCode: string | undefined) {
  const code = normalizePollCode(rawCode);
  const poll = code ? await getPublishedPoll(code) : null;
  if (!poll) throw new Response("Vi hittade inget publicerat resultat med den koden.", { status: 404 });
  const breakdowns: Record<string, Breakdown> = {};
  if (!poll.imported && poll.respondents) {
    const { county, group } = await getBreakdowns(poll.id, poll.options, poll.multipleChoice);
    breakdowns.county = county;
    breakdowns.municipalityGroup = group;
  }
  return { poll, breakdowns };
}

/** Open polls of a forum, for the "vote now" link on its page. */
export async function listOpenPollCodes(eventId: string) {
  return prisma.poll.findMany({ where: { eventId, state: "open" }, orderBy: { position: "asc" }, select: { code: true, question: true } });
}
