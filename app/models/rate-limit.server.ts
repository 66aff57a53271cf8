import { prisma } from "~/utils/db.server";

export type RateLimitRule = { limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * Counts one attempt for `key` in a fixed window and says whether it is allowed.
 * Atomic across requests and processes: the count is changed and read back in one
 * statement, so 50 parallel hits with limit 10 let exactly 10 through.
 */
export async function hit(key: string, rule: RateLimitRule, now: Date = new Date()): Promise<RateLimitResult> {
  const { count, windowStart } = await incrementWindow(key, now, new Date(now.getTime() - rule.windowSeconds * 1000));
  const allowed = count <= rule.limit;
  const resetsAt = windowStart.getTime() + rule.windowSeconds * 1000;
  return {
    allowed,
    remaining: Math.max(0, rule.limit - count),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)),
  };
}

/**
 * Whether the next attempt for `key` would be allowed, without counting it: for limits
 * that count only failures (see peekRateLimit in app/utils/rate-limit.server.ts).
 */
export async function peek(key: string, rule: RateLimitRule, now: Date = new Date()): Promise<RateLimitResult> {
  const row = await prisma.rateLimit.findUnique({ where: { key }, select: { count: true, windowStart: true } });
  const resetsAt = row ? row.windowStart.getTime() + rule.windowSeconds * 1000 : 0;
  if (!row || resetsAt <= now.getTime()) return { allowed: true, remaining: rule.limit, retryAfterSeconds: 0 };
  const allowed = row.count < rule.limit;
  return { allowed, remaining: Math.max(0, rule.limit - row.count), retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)) };
}

/**
 * The one raw statement of the rate limiter. Prisma's upsert is a read then a write,
 * which races under concurrency; INSERT … ON CONFLICT … DO UPDATE … RETURNING is a
 * single atomic statement with the same syntax on SQLite (3.35+) and PostgreSQL.
 * A window that started at or before `expiredBefore` is over, so it restarts at 1.
 */
async function incrementWindow(key: string, now: Date, expiredBefore: Date): Promise<{ count: number; windowStart: Date }> {
  const rows = await prisma.$queryRaw<Array<{ count: number | bigint; windowStart: Date | string }>>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count")
    VALUES (${key}, ${now}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" <= ${expiredBefore} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${expiredBefore} THEN ${now} ELSE "RateLimit"."windowStart" END
    RETURNING "count", "windowStart"`;
  const row = rows[0];
  if (!row) throw new Error("Räknaren för begränsningen kunde inte uppdateras");
  return { count: Number(row.count), windowStart: new Date(row.windowStart) };
}

/** Forgets a key, e.g. the per-account login counter after a successful login. */
export async function resetRateLimit(key: string) {
  await prisma.rateLimit.deleteMany({ where: { key } });
}

/** Removes windows older than `olderThanSeconds` (longer than every rule's window). */
export async function pruneRateLimits({ olderThanSeconds = 24 * 60 * 60, now = new Date() }: { olderThanSeconds?: number; now?: Date } = {}): Promise<number> {
  const { count } = await prisma.rateLimit.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - olderThanSeconds * 1000) } },
  });
  return count;
}
