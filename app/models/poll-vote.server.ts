import { prisma } from "~/utils/db.server";
import { publishPollChange } from "~/utils/poll-bus.server";
import { fail, Refusal, refusable, type Result } from "~/utils/result";
import { lockPollForVote } from "./locks.server";
import { checkRateLimit, peekRateLimit, type RateLimitResult } from "./rate-limit.server";
import { isUniqueViolation, transaction, TX_OPTIONS } from "./transaction.server";

/**
 * Polls, the voter's side (/rosta): looking a code up (rate limited per address),
 * the voter's own answer, and the vote itself: one response per participant, which
 * they may change while the poll is open.
 */

/** The Swedish message a voter sees when a poll does not take votes. */
export function notOpenMessage(state: string): string {
  if (state === "draft") return "Omröstningen har inte öppnat än. Vänta tills forumansvarig öppnar den.";
  if (state === "published") return "Omröstningen är avslutad och resultatet är publicerat.";
  return "Omröstningen är stängd och tar inte emot fler svar.";
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
  return row
    ? { municipalityCode: row.municipalityCode, freeText: row.freeText ?? "", optionIds: row.options.map((o) => o.optionId), updatedAt: row.updatedAt }
    : null;
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
// Looking a code up
// ---------------------------------------------------------------------------

export type VoterPoll = NonNullable<Awaited<ReturnType<typeof getPollByCode>>>;
export type PollLookup = { poll: VoterPoll; limited: null } | { poll: null; limited: RateLimitResult | null };

/**
 * Looks a poll code up for a voter (/rosta), per client IP: a code that finds
 * nothing counts against RATE_LIMITS.pollCodeMissIp (a sweep of the 28.6 M codes is
 * almost only misses), every lookup against the much looser pollCodeIp. Once the
 * misses are used up, codes that exist are refused too, so the limit cannot be
 * used to tell them apart. `limited` set: answer 429 with rateLimitHeaders().
 */
export async function lookUpPollCode(code: string, clientIp: string): Promise<PollLookup> {
  const all = await checkRateLimit("pollCodeIp", clientIp);
  if (!all.allowed) return { poll: null, limited: all };
  const misses = await peekRateLimit("pollCodeMissIp", clientIp);
  if (!misses.allowed) return { poll: null, limited: misses };
  const poll = await getPollByCode(code);
  if (poll) return { poll, limited: null };
  const miss = await checkRateLimit("pollCodeMissIp", clientIp);
  return { poll: null, limited: miss.allowed ? null : miss };
}
