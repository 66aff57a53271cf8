import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import type { Db } from "./transaction.server";


export type RateLimitRule = { limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number; count: number };

/**
 * Counts one attempt for `key` in a fixed window and says whether it is allowed.
 * Atomic across requests and processes: the count is changed and read back in one
 * statement, so 50 parallel hits with limit 10 let exactly 10 through. Pass a
 * transaction client to count inside another change's transaction.
 */
export async function hit(key: string, rule: RateLimitRule, now: Date = new Date(), db: Db = prisma): Promise<RateLimitResult> {
  return toResult(await incrementWindow(key, now, rule, db), rule, now);
}

/**
 * Counts one attempt against several keys at once, in one transaction: one commit
 * (one fsync on SQLite) instead of one per key, e.g. the seven tiers of a login.
 */
export async function hitAll(entries: { key: string; rule: RateLimitRule }[], now: Date = new Date()): Promise<RateLimitResult[]> {
  const rows = await prisma.$transaction(entries.map(({ key, rule }) => incrementWindow(key, now, rule)));
  return rows.map((row, i) => toResult(row, entries[i]!.rule, now));
}

type WindowRow = { count: number | bigint; windowStart: Date | string };

function toResult(rows: WindowRow[], rule: RateLimitRule, now: Date): RateLimitResult {
  const row = rows[0];
  if (!row) throw new Error("Räknaren för begränsningen kunde inte uppdateras");
  const count = Number(row.count);
  const allowed = count <= rule.limit;
  const resetsAt = new Date(row.windowStart).getTime() + rule.windowSeconds * 1000;
  return {
    allowed,
    remaining: Math.max(0, rule.limit - count),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)),
    count, // this hit included
  };
}

/**
 * Whether the next attempt for `key` would be allowed, without counting it: for limits
 * that count only failures (see peekRateLimit in app/utils/rate-limit.server.ts).
 */
export async function peek(key: string, rule: RateLimitRule, now: Date = new Date()): Promise<RateLimitResult> {
  const row = await prisma.rateLimit.findUnique({ where: { key }, select: { count: true, windowStart: true } });
  const resetsAt = row ? row.windowStart.getTime() + rule.windowSeconds * 1000 : 0;
  if (!row || resetsAt <= now.getTime()) return { allowed: true, remaining: rule.limit, retryAfterSeconds: 0, count: 0 };
  const allowed = row.count < rule.limit;
  return {
    allowed,
    remaining: Math.max(0, rule.limit - row.count),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)),
    count: row.count, // nothing counted by this call
  };
}

/**
 * The one raw statement of the rate limiter. Prisma's upsert is a read then a write,
 * which races under concurrency; INSERT … ON CONFLICT … DO UPDATE … RETURNING is a
 * single atomic statement with the same syntax on SQLite (3.35+) and PostgreSQL.
 * A window that started `windowSeconds` or more ago is over, so it restarts at 1.
 */
function incrementWindow(key: string, now: Date, rule: RateLimitRule, db: Db = prisma) {
  const expiredBefore = new Date(now.getTime() - rule.windowSeconds * 1000);
  return db.$queryRaw<WindowRow[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count")
    VALUES (${key}, ${now}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" <= ${expiredBefore} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${expiredBefore} THEN ${now} ELSE "RateLimit"."windowStart" END
    RETURNING "count", "windowStart"`;
}

/** Forgets keys, e.g. the login counter of an account from one address after a successful login. */
export async function resetRateLimit(keys: string | string[]) {
  await prisma.rateLimit.deleteMany({ where: { key: { in: typeof keys === "string" ? [keys] : keys } } });
}

/**
 * Takes one hit back from each key (never below zero), e.g. an attempt that was
 * counted before a password check that then succeeded. One statement per call,
 * atomic like hit().
 */
export async function giveBack(keys: string[]) {
  if (!keys.length) return;
  await prisma.rateLimit.updateMany({ where: { key: { in: keys }, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

/** Removes windows older than `olderThanSeconds` (longer than every rule's window). */
export async function pruneRateLimits({ olderThanSeconds = 24 * 60 * 60, now = new Date() }: { olderThanSeconds?: number; now?: Date } = {}): Promise<number> {
  const { count } = await prisma.rateLimit.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - olderThanSeconds * 1000) } },
  });
  return count;
}
