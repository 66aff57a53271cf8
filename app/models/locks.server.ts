import { byProvider } from "~/utils/dialect.server";
import { isUniqueViolation, type Tx } from "./transaction.server";

/**
 * Row locks that keep multi-statement decisions exact under concurrency, one
 * implementation per database (the pattern of app/utils/dialect.server.ts).
 *
 * SQLite has one writer at a time: a transaction that starts with a write holds
 * the database lock until it commits, so these are no-ops there.
 * PostgreSQL locks rows: `SELECT … FOR UPDATE` makes every transaction that
 * decides about the same row wait for the one before it, and then read its
 * committed result (READ COMMITTED takes a new snapshot per statement).
 */
type Locks = {
  /**
   * Serialises everything that decides about an event's seats and waitlist: a
   * full event's conditional seat UPDATE matches no row and locks nothing, so
   * without this two waitlisters could draw the same place in the queue, or a
   * seat freed by a cancellation could be missed by a concurrent registration.
   */
  lockEventSeats(tx: Tx, eventId: string): Promise<void>;
  /**
   * Serialises submissions of a municipality's maturity assessment: when there
   * is no current row yet, the UPDATE that retires it matches nothing and locks
   * nothing, so two submissions would each insert a current row (the partial
   * unique index "MaturityAssessment_current_key" then refuses the second).
   * Locks the municipality row FOR NO KEY UPDATE, which does not block foreign
   * key checks of rows that reference the municipality.
   */
  lockMunicipalityMaturity(tx: Tx, municipalityCode: string): Promise<void>;
  /**
   * Serialises the votes on one post: each vote recounts the post's vote rows,
   * and without the lock two concurrent votes each count without the other's
   * uncommitted row and store a count one short (lost updates).
   */
  lockPostVotes(tx: Tx, postId: string): Promise<void>;
  /**
   * Serialises one member's flags on one post: "is there an open flag by this
   * member? if not, insert one" would otherwise let two clicks at once both see
   * none and insert two. Locks the post row FOR NO KEY UPDATE.
   */
  lockPostFlags(tx: Tx, postId: string): Promise<void>;
  /**
   * Serialises everything that decides about a thread's posts: new answers and
   * comments (which must not land on a thread being merged away), accepting an
   * answer (a toggle of the stored value), votes, and merges (which move posts,
   * recount answerCount and must not run both ways at once). Locks the thread
   * rows FOR NO KEY UPDATE, several in id order so two merges cannot deadlock.
   */
  lockThreads(tx: Tx, threadIds: string[]): Promise<void>;
  /**
   * Serialises an organizer's decisions about one event that read before they
   * write: additions to its ordered lists (agenda items, speakers, polls,
   * recording materials) take "highest position + 1", and sending a message or
   * the invitations picks who has not had it yet; two at once would otherwise
   * write the same position, or both insert the same rows and the second fail
   * on a unique key (a 500). Locks the event row FOR NO KEY UPDATE, which does
   * not block foreign key checks of rows that reference it.
   */
  lockEventOrganizing(tx: Tx, eventId: string): Promise<void>;
  /**
   * Serialises "is this name free? then insert it" for a value that has no row
   * to lock yet: an email address at sign-up or on the invitation list, a
   * handle, an organisation name. Two requests with the same value would
   * otherwise both see it free and the second insert would fail on the unique
   * index (a 500). A transaction-scoped advisory lock on a hash of
   * `scope:value`; a hash collision only makes unrelated requests take turns.
   * Callers that take several take them in a fixed order (see signUp).
   */
  lockName(tx: Tx, scope: "email" | "handle" | "organisation" | "invitation", value: string): Promise<void>;
  /**
   * Makes closing a poll final: a vote reads "open" and then inserts, and the
   * insert's foreign key check (FOR KEY SHARE) does not wait for a close in
   * progress, so a vote could be stored after the close committed. FOR SHARE
   * on the poll row lets votes run side by side but makes the close wait for
   * the votes already reading, and later votes wait for the close and see it.
   */
  lockPollForVote(tx: Tx, pollId: string): Promise<void>;
};

const sqlite: Locks = {
  async lockEventSeats() {},
  async lockMunicipalityMaturity() {},
  async lockPostVotes() {},
  async lockPostFlags() {},
  async lockThreads() {},
  async lockEventOrganizing() {},
  async lockName() {},
  async lockPollForVote() {},
};

const postgres: Locks = {
  async lockEventSeats(tx, eventId) {
    await tx.$queryRaw`SELECT 1 FROM "Event" WHERE "id" = ${eventId} FOR UPDATE`;
  },
  async lockMunicipalityMaturity(tx, municipalityCode) {
    await tx.$queryRaw`SELECT 1 FROM "Municipality" WHERE "code" = ${municipalityCode} FOR NO KEY UPDATE`;
  },
  async lockPostVotes(tx, postId) {
    await tx.$queryRaw`SELECT 1 FROM "Post" WHERE "id" = ${postId} FOR UPDATE`;
  },
  async lockPostFlags(tx, postId) {
    await tx.$queryRaw`SELECT 1 FROM "Post" WHERE "id" = ${postId} FOR NO KEY UPDATE`;
  },
  async lockThreads(tx, threadIds) {
    // One statement per row, in a fixed order: a single "IN (…) FOR UPDATE" may lock in any order.
    for (const id of [...new Set(threadIds)].sort()) {
      await tx.$queryRaw`SELECT 1 FROM "Thread" WHERE "id" = ${id} FOR NO KEY UPDATE`;
    }
  },
  async lockEventOrganizing(tx, eventId) {
    await tx.$queryRaw`SELECT 1 FROM "Event" WHERE "id" = ${eventId} FOR NO KEY UPDATE`;
  },
  async lockPollForVote(tx, pollId) {
    await tx.$queryRaw`SELECT 1 FROM "Poll" WHERE "id" = ${pollId} FOR SHARE`;
  },
  async lockName(tx, scope, value) {
    const key = `${scope}:${value}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  },
};

export const { lockEventSeats, lockEventOrganizing, lockMunicipalityMaturity, lockName, lockPollForVote, lockPostFlags, lockPostVotes, lockThreads } =
  byProvider({ sqlite, postgres });

/**
 * Runs a whole transaction again when it lost a race into a unique index: "is the
 * address free? then insert" (or an upsert, which is a read then a write) lets two
 * requests both insert; on PostgreSQL the second fails once the first commits, and
 * the violation aborts its transaction. The repeat reads the committed row and
 * gives the form's own answer ("the address is taken") or reuses it (a tag).
 * SQLite never gets here: its write transactions take turns.
 */
export async function retryUniqueRace<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= attempts) throw error;
    }
  }
}
