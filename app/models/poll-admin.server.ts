import crypto from "node:crypto";
import { prisma } from "~/utils/db.server";
import { publishPollChange } from "~/utils/poll-bus.server";
import { countedResultRows, type ResultRow } from "~/utils/poll-results";
import { fail, Refusal, refusable, type Result } from "~/utils/result";
import { CODE_ALPHABET, CODE_LENGTH, DONT_KNOW_LABEL, pollStateLabel, type PollInput, type PollState } from "~/validation/poll";
import { recordAudit } from "./audit.server";
import { lockEventOrganizing } from "./locks.server";
import { countedOptions } from "./poll.server";
import { isUniqueViolation, transaction, TX_OPTIONS, type Tx } from "./transaction.server";

/**
 * Polls, the organizer's side: creating and editing polls, moving them through
 * their states (each change with its audit row), the free-text answers (only
 * organizers see them: they may identify people) and the live counts of the
 * presenter view. Callers have already checked the role.
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
  if (repeatOfId === pollId) throw new Refusal("repeatOfId", "En omröstning kan inte vara en upprepning av sig själv.");
  let current: string | null = repeatOfId;
  for (let steps = 0; current && steps < 100; steps++) {
    const row: { repeatOfId: string | null } | null = await tx.poll.findUnique({ where: { id: current }, select: { repeatOfId: true } });
    if (!row) throw new Refusal("repeatOfId", "Den tidigare omröstningen finns inte längre. Välj en annan.");
    if (row.repeatOfId && row.repeatOfId === pollId)
      throw new Refusal("repeatOfId", "Det skulle bli en slinga: den omröstningen är redan en upprepning av den här.");
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
      if (!poll) throw new Refusal("form", "Omröstningen finns inte.", 404);
      if (poll.imported || poll.state !== "draft") {
        throw new Refusal("form", "Omröstningen kan bara ändras medan den är ett utkast. Svaren skulle annars inte stämma med alternativen.", 409);
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
      if (!poll) throw new Refusal("form", "Omröstningen finns inte.", 404);
      if (poll.imported || poll.state !== "draft") throw new Refusal("form", "Bara utkast kan tas bort.", 409);
      await tx.poll.delete({ where: { id: pollId } });
      await recordAudit(tx, {
        actorId,
        action: "poll.delete",
        entityType: "Poll",
        entityId: pollId,
        detail: { eventId, code: poll.code, question: poll.question },
      });
      return { ok: true as const };
    }, TX_OPTIONS),
  );
}

const STATE_ACTIONS: Record<PollState, string> = { draft: "poll.draft", open: "poll.open", closed: "poll.close", published: "poll.publish" };

export async function changePollState(actorId: string, eventId: string, pollId: string, to: PollState, now = new Date()): Promise<Result> {
  const result = await refusable(() =>
    transaction(async (tx) => {
      const poll = await tx.poll.findFirst({ where: { id: pollId, eventId }, select: { state: true, imported: true, _count: { select: { options: true } } } });
      if (!poll) throw new Refusal("form", "Omröstningen finns inte.", 404);
      if (poll.imported) throw new Refusal("form", "Importerade resultat kan inte ändras.", 409);
      if (!canTransition(poll.state, to))
        throw new Refusal("form", `Omröstningen kan inte gå från ”${pollStateLabel(poll.state)}” till ”${pollStateLabel(to)}”. Ladda om sidan.`, 409);
      if (to === "open" && poll._count.options < 2) throw new Refusal("form", "Omröstningen behöver minst två svarsalternativ innan den öppnas.", 409);
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
      if (count !== 1) throw new Refusal("form", "Omröstningen ändrades samtidigt av någon annan. Ladda om sidan.", 409);
      await recordAudit(tx, { actorId, action: STATE_ACTIONS[to], entityType: "Poll", entityId: pollId, detail: { eventId, from: poll.state, to } });
      return { ok: true as const };
    }, TX_OPTIONS),
  );
  if (result.ok) publishPollChange(pollId);
  return result;
}

// ---------------------------------------------------------------------------
// The presenter view
// ---------------------------------------------------------------------------

export type LiveResults = { pollId: string; state: string; respondents: number; rows: ResultRow[]; multipleChoice: boolean };

/** Current counts for the presenter view and its live stream. */
export async function getLiveResults(pollId: string): Promise<LiveResults | null> {
  const poll = await prisma.poll.findUnique({ where: { id: pollId }, select: { state: true, multipleChoice: true } });
  if (!poll) return null;
  const { options, respondents } = await countedOptions(pollId);
  return { pollId, state: poll.state, respondents, multipleChoice: poll.multipleChoice, rows: countedResultRows(options, respondents, poll.multipleChoice) };
}

/** The forum a poll admin page belongs to. */
export async function getEventForPolls(eventId: string) {
  return prisma.event.findUnique({ where: { id: eventId }, select: { id: true, title: true, slug: true, status: true, startsAt: true } });
}
