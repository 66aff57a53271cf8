import { getPollByCode } from "./poll.server";
import { checkRateLimit, peekRateLimit, type RateLimitResult } from "./rate-limit.server";

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
