import crypto from "node:crypto";
import { municipalityGroupOf } from "~/data/municipality-groups";
import { recordAudit } from "~/models/audit.server";
import { lockEventOrganizing, lockPollForVote } from "~/models/locks.server";
import { isUniqueViolation, transaction, TX_OPTIONS, type Tx } from "~/models/transaction.server";
import { prisma } from "~/utils/db.server";
import { fail, Refusal, refusable, type Result } from "~/utils/result";
import { publishPollChange } from "~/utils/poll-bus.server";
import { breakdownBy, countedResultRows, resultRowsFor, type Breakdown, type ResultRow, type TrendPoint } from "~/utils/poll-results";
import { CODE_ALPHABET, CODE_LENGTH, DONT_KNOW_LABEL, pollStateLabel, type PollInput, type PollState } from "~/validation/poll";

/**
 * Live polls: the organizer's poll admin, votes, live counts for the presenter
 * view and published results. Individual responses never leave this module for
 * the public pages, only counts; free-text answers only go to organizers.
 * Callers of the admin functions have already checked the role.
 */

// ---------------------------------------------------------------------------
// Codes and state rules
// ---------------------------------------------------------------------------

export function generatePollCode(): string {
  const bytes = crypto.randomBytes(CODE_LENGTH);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** Which states a poll may move to from each state. */
export const POLL_TRANSITIONS: Record<PollState, readonly PollState[]> = {
  draft: ["open"],
  open: ["closed"],
  closed: ["open", "published"],
  published: ["closed"],
};

export function canTransition(from: string, to: string): boolean {
  return (POLL_TRANSITIONS[from as PollState] ?? []).includes(to as PollState);
}

/** The Swedish message a voter sees when a poll does not take votes. */
export function notOpenMessage(state: string): string {
  if (state === "draft") return "Omröstningen har inte öppnat än. Vänta tills forumansvarig öppnar den.";
  if (state === "published") return "Omröstningen är avslutad och resultatet är publicerat.";
  return "Omröstningen är stängd och tar inte emot fler svar.";
}

// ---------------------------------------------------------------------------
// Organizer: reading
// ---------------------------------------------------------------------------

export async function listEventPolls(eventId: string) {
  const rows = await prisma.poll.findMany({
    where: { eventId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      code: true,
      question: true,
      state: true,
      imported: true,
      multipleChoice: true,
      repeatOf: { select: { code: true } },
      _count: { select: { responses: true } },
    },
  });
  return rows.map(({ _count, ...p }) => ({ ...p, respondents: _count.responses }));
}

export async function getPollForAdmin(eventId: string, pollId: string) {
  const poll = await prisma.poll.findFirst({
    where: { id: pollId, eventId },
    select: {
      id: true,
      eventId: true,
      code: true,
      question: true,
      state: true,
      imported: true,
      multipleChoice: true,
      allowFreeText: true,
      repeatOfId: true,
      resultNote: true,
      openedAt: true,
      closedAt: true,
      publishedAt: true,
      repeatOf: { select: { code: true, question: true } },
      event: { select: { id: true, title: true, slug: true, status: true } },
      options: { orderBy: { position: "asc" }, select: { id: true, label: true, isDontKnow: true, importedPercent: true } },
      _count: { select: { responses: true } },
    },
  });
  if (!poll) return null;
  const { _count, ...rest } = poll;
  return { ...rest, respondents: _count.responses };
}

/** Free-text answers, newest first: organizers only (they may identify people). */
export async function listFreeTextAnswers(pollId: string, take = 200) {
  const rows = await prisma.pollResponse.findMany({
    where: { pollId, freeText: { not: null } },
    orderBy: { updatedAt: "desc" },
    take,
    select: { id: true, freeText: true },
  });
  return rows.filter((r) => r.freeText?.trim()).map((r) => ({ id: r.id, text: r.freeText! }));
}

/** Earlier polls an organizer can mark this one as a repeat of. */
export async function listRepeatCandidates(excludePollId?: string) {
  return prisma.poll.findMany({
    where: excludePollId ? { id: { not: excludePollId } } : {},
    orderBy: [{ event: { startsAt: "desc" } }, { position: "asc" }],
    take: 200,
    select: { id: true, code: true, question: true, event: { select: { title: true, startsAt: true } } },
  });
}

// ---------------------------------------------------------------------------
// Organizer: changes (each with its audit row in the same transaction)
// ---------------------------------------------------------------------------

function optionRows(input: PollInput) {
  const labels = [...input.options];
  const rows = labels.map((label, position) => ({ label, position, isDontKnow: false }));
  if (input.dontKnow) rows.push({ label: DONT_KNOW_LABEL, position: rows.length, isDontKnow: true });
  return rows;
}

/** Refuses a "repeat of" that does not exist or that would make a loop. */
async function checkRepeatOf(tx: Tx, pollId: string | null, repeatOfId: string | null) {
  if (!repeatOfId) return;
  if (repeatOfId === pollId) throw new Refusal("repeatOfId", "En fråga kan inte vara en upprepning av sig själv.");
  let current: string | null = repeatOfId;
  for (let steps = 0; current && steps < 100; steps++) {
    const row: { repeatOfId: string | null } | null = await tx.poll.findUnique({ where: { id: current }, select: { repeatOfId: true } });
    if (!row) throw new Refusal("repeatOfId", "Den tidigare frågan finns inte längre. Välj en annan.");
    if (row.repeatOfId && row.repeatOfId === pollId) throw new Refusal("repeatOfId", "Det skulle bli en slinga: den frågan är redan en upprepning av den här.");
    current = row.repeatOfId;
  }
}

export async function createPoll(actorId: string, eventId: string, input: PollInput): Promise<Result<{ id: string; code: string }>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = generatePollCode();
    try {
      return await refusable(() =>
        transaction(async (tx) => {
          await checkRepeatOf(tx, null, input.repeatOfId);
          // The highest position + 1 (a count would repeat a position after a deletion), one at a
          // time per event on PostgreSQL (SQLite: no-op).
          await lockEventOrganizing(tx, eventId);
          const last = await tx.poll.aggregate({ where: { eventId }, _max: { position: true } });
          const position = (last._max.position ?? -1) + 1;
          const poll = await tx.poll.create({
            data: {
              eventId,
              code,
              question: input.question,
              multipleChoice: input.multipleChoice,
              allowFreeText: input.allowFreeText,
              repeatOfId: input.repeatOfId,
              position,
              options: { create: optionRows(input) },
            },
            select: { id: true, code: true },
          });
          await recordAudit(tx, { actorId, action: "poll.create", entityType: "Poll", entityId: poll.id, detail: { eventId, code, question: input.question } });
          return { ok: true as const, ...poll };
        }, TX_OPTIONS),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // a code collision: try another code
    }
  }
  return fail("form", "Det gick inte att skapa en unik kod. Försök igen.", 409);
}

export async function updatePoll(actorId: string, eventId: string, pollId: string, input: PollInput): Promise<Result> {
  return refusable(() =>
    transaction(async (tx) => {
      const poll = await tx.poll.findFirst({ where: { id: pollId, eventId }, select: { state: true, imported: true } });
      if (!poll) throw new Refusal("form", "Frågan finns inte.", 404);
      if (poll.imported || poll.state !== "draft") {
        throw new Refusal("form", "Frågan kan bara ändras medan den är ett utkast. Svaren skulle annars inte stämma med alternativen.", 409);
      }
      await checkRepeatOf(tx, pollId, input.repeatOfId);
      await tx.pollOption.deleteMany({ where: { pollId } });
      await tx.poll.update({
        where: { id: pollId },
        data: {
          question: input.question,
          multipleChoice: input.multipleChoice,
          allowFreeText: input.allowFreeText,
          repeatOfId: input.repeatOfId,
          options: { create: optionRows(input) },
        },
      });
      await recordAudit(tx, { actorId, action: "poll.update", entityType: "Poll", entityId: pollId, detail: { eventId, question: input.question } });
      return { ok: true as const };
    }, TX_OPTIONS),
  );
}

export async function deletePoll(actorId: string, eventId: string, pollId: string): Promise<Result> {
  return refusable(() =>
    transaction(async (tx) => {
      const poll = await tx.poll.findFirst({ where: { id: pollId, eventId }, select: { state: true, imported: true, code: true, question: true } });
      if (!poll) throw new Refusal("form", "Frågan finns inte.", 404);
      if (poll.imported || poll.state !== "draft") throw new Refusal("form", "Bara utkast kan tas bort.", 409);
      await tx.poll.delete({ where: { id: pollId } });
      await recordAudit(tx, { actorId, action: "poll.delete", entityType: "Poll", entityId: pollId, detail: { eventId, code: poll.code, question: poll.question } });
      return { ok: true as const };
    }, TX_OPTIONS),
  );
}

const STATE_ACTIONS: Record<PollState, string> = { draft: "poll.draft", open: "poll.open", closed: "poll.close", published: "poll.publish" };

export async function changePollState(actorId: string, eventId: string, pollId: string, to: PollState, now = new Date()): Promise<Result> {
  const result = await refusable(() =>
    transaction(async (tx) => {
      const poll = await tx.poll.findFirst({ where: { id: pollId, eventId }, select: { state: true, imported: true, _count: { select: { options: true } } } });
      if (!poll) throw new Refusal("form", "Frågan finns inte.", 404);
      if (poll.imported) throw new Refusal("form", "Importerade resultat kan inte ändras.", 409);
      if (!canTransition(poll.state, to)) throw new Refusal("form", `Frågan kan inte gå från ”${pollStateLabel(poll.state)}” till ”${pollStateLabel(to)}”. Ladda om sidan.`, 409);
      if (to === "open" && poll._count.options < 2) throw new Refusal("form", "Frågan behöver minst två svarsalternativ innan den öppnas.", 409);
      // Conditional on the state read above, so two clicks at once change it once.
      const { count } = await tx.poll.updateMany({
        where: { id: pollId, state: poll.state },
        data: {
          state: to,
          ...(to === "open" ? { openedAt: now, closedAt: null } : {}),
          ...(to === "closed" && poll.state === "open" ? { closedAt: now } : {}),
          ...(to === "published" ? { publishedAt: now } : {}),
          ...(poll.state === "published" ? { publishedAt: null } : {}),
        },
      });
      if (count !== 1) throw new Refusal("form", "Frågan ändrades samtidigt av någon annan. Ladda om sidan.", 409);
      await recordAudit(tx, { actorId, action: STATE_ACTIONS[to], entityType: "Poll", entityId: pollId, detail: { eventId, from: poll.state, to } });
      return { ok: true as const };
    }, TX_OPTIONS),
  );
  if (result.ok) publishPollChange(pollId);
  return result;
}

// ---------------------------------------------------------------------------
// Voting
// ---------------------------------------------------------------------------

/**
 * A poll a voter may see at /rosta/<KOD>: not a draft, not imported, and in a
 * published forum. Anything else is "not found", so a code shows nothing of a poll
 * (or a forum) that is not public yet.
 */
export async function getPollByCode(code: string) {
  return prisma.poll.findFirst({
    where: { code, state: { not: "draft" }, imported: false, event: { status: "published" } },
    select: {
      id: true,
      code: true,
      question: true,
      state: true,
      imported: true,
      multipleChoice: true,
      allowFreeText: true,
      event: { select: { title: true, slug: true, status: true } },
      options: { orderBy: { position: "asc" }, select: { id: true, label: true, isDontKnow: true } },
    },
  });
}

export async function getOwnResponse(pollId: string, participantHash: string) {
  const row = await prisma.pollResponse.findUnique({
    where: { pollId_participantHash: { pollId, participantHash } },
    select: { municipalityCode: true, freeText: true, updatedAt: true, options: { select: { optionId: true } } },
  });
  return row ? { municipalityCode: row.municipalityCode, freeText: row.freeText ?? "", optionIds: row.options.map((o) => o.optionId), updatedAt: row.updatedAt } : null;
}

export type VoteInput = {
  pollId: string;
  participantHash: string;
  userId: string | null;
  optionIds: readonly string[];
  freeText: string;
  municipalityCode: string | null;
};

/**
 * Records a vote, or replaces the participant's earlier vote while the poll is
 * open (one response per participant: the unique (pollId, participantHash) key).
 */
export async function castVote(input: VoteInput): Promise<Result<{ changed: boolean }>> {
  const poll = await prisma.poll.findUnique({
    where: { id: input.pollId },
    select: {
      state: true,
      imported: true,
      multipleChoice: true,
      allowFreeText: true,
      event: { select: { status: true } },
      options: { select: { id: true, isDontKnow: true } },
    },
  });
  // An open poll of a forum that is not published takes no votes either.
  if (!poll || poll.imported || poll.event.status !== "published") return fail("form", "Omröstningen finns inte.", 404);
  if (poll.state !== "open") return fail("form", notOpenMessage(poll.state), 409);

  const chosen = [...new Set(input.optionIds)];
  const known = new Map(poll.options.map((o) => [o.id, o]));
  if (chosen.some((id) => !known.has(id))) return fail("optionIds", "Välj ett av svaren i listan.");
  if (chosen.length === 0) return fail("optionIds", poll.multipleChoice ? "Välj minst ett svar." : "Välj ett svar.");
  if (!poll.multipleChoice && chosen.length > 1) return fail("optionIds", "Välj bara ett svar.");
  if (chosen.length > 1 && chosen.some((id) => known.get(id)!.isDontKnow)) return fail("optionIds", "”Vet ej” kan inte kombineras med andra svar.");
  const freeText = poll.allowFreeText && input.freeText.trim() ? input.freeText.trim().slice(0, 500) : null;
  if (input.municipalityCode) {
    const exists = await prisma.municipality.findUnique({ where: { code: input.municipalityCode }, select: { code: true } });
    if (!exists) return fail("municipalityCode", "Välj en kommun i listan.");
  }

  const write = () =>
    transaction(async (tx) => {
      await lockPollForVote(tx, input.pollId); // PostgreSQL: a close in progress finishes first (SQLite: no-op)
      const fresh = await tx.poll.findUnique({ where: { id: input.pollId }, select: { state: true } });
      if (fresh?.state !== "open") throw new Refusal("form", notOpenMessage(fresh?.state ?? "closed"), 409);
      const existing = await tx.pollResponse.findUnique({
        where: { pollId_participantHash: { pollId: input.pollId, participantHash: input.participantHash } },
        select: { id: true },
      });
      const data = { userId: input.userId, municipalityCode: input.municipalityCode, freeText };
      const response = existing
        ? await tx.pollResponse.update({ where: { id: existing.id }, data, select: { id: true } })
        : await tx.pollResponse.create({ data: { ...data, pollId: input.pollId, participantHash: input.participantHash }, select: { id: true } });
      if (existing) await tx.pollResponseOption.deleteMany({ where: { responseId: response.id } });
      await tx.pollResponseOption.createMany({ data: chosen.map((optionId) => ({ responseId: response.id, optionId })) });
      return { ok: true as const, changed: !!existing };
    }, TX_OPTIONS);

  let result: Result<{ changed: boolean }> | undefined;
  for (let attempt = 0; !result; attempt++) {
    try {
      result = await refusable(write);
    } catch (error) {
      // Two submissions of one participant raced to create the row: the loser replays as a change.
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
  if (result.ok) publishPollChange(input.pollId);
  return result;
}

// ---------------------------------------------------------------------------
// Counting
// ---------------------------------------------------------------------------

async function countedOptions(pollId: string) {
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

export type LiveResults = { pollId: string; state: string; respondents: number; rows: ResultRow[]; multipleChoice: boolean };

/** Current counts for the presenter view and its live stream. */
export async function getLiveResults(pollId: string): Promise<LiveResults | null> {
  const poll = await prisma.poll.findUnique({ where: { id: pollId }, select: { state: true, multipleChoice: true } });
  if (!poll) return null;
  const { options, respondents } = await countedOptions(pollId);
  return { pollId, state: poll.state, respondents, multipleChoice: poll.multipleChoice, rows: countedResultRows(options, respondents, poll.multipleChoice) };
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
    points.push({ code: poll.code, question: poll.question, eventTitle: poll.event.title, date: poll.event.startsAt, respondents: poll.imported ? null : respondents, rows });
  }
  return points.length >= 2 ? points : [];
}

/** Open polls of a forum, for the "vote now" link on its page. */
export async function listOpenPollCodes(eventId: string) {
  return prisma.poll.findMany({ where: { eventId, state: "open" }, orderBy: { position: "asc" }, select: { code: true, question: true } });
}

/** The forum a poll admin page belongs to. */
export async function getEventForPolls(eventId: string) {
  return prisma.event.findUnique({ where: { id: eventId }, select: { id: true, title: true, slug: true, status: true, startsAt: true } });
}
