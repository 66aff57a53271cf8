import { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";

/**
 * How models use transactions, written once: the two client types, transaction()
 * with its after-commit hooks, the options for transactions that may queue behind
 * others, and what a lost race into a unique index looks like.
 */

/** A transaction's client: for work that must run inside the caller's transaction. */
export type Tx = Prisma.TransactionClient;

/** The client itself or a transaction's client: for work that runs in or out of a transaction. */
export type Db = Tx | typeof prisma;

/**
 * For transactions that may wait their turn: the SQLite adapter runs one interactive
 * transaction at a time per process, so during a rush (registrations, votes) waiting
 * in that queue is normal, and allowed for here.
 */
export const TX_OPTIONS = { maxWait: 30_000, timeout: 15_000 } as const;

/** A write that lost a race into a unique index (Prisma's P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export type TransactionOptions = { maxWait?: number; timeout?: number };

const hooksOf = new WeakMap<Tx, Set<() => void>>();

/**
 * Every interactive transaction of the app: prisma.$transaction, plus the hooks the
 * work registers with afterCommit(), run once it has committed (none when it fails
 * or rolls back). `options` as for prisma.$transaction (its defaults when left out).
 */
export async function transaction<T>(work: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
  const hooks = new Set<() => void>();
  const result = await prisma.$transaction((tx) => {
    hooksOf.set(tx, hooks);
    return work(tx);
  }, options);
  for (const hook of hooks) hook();
  return result;
}

/**
 * Runs `hook` once what `db` wrote is committed: after the transaction() that `db`
 * belongs to, or at once when `db` is the client itself (its write has committed).
 * A hook registered twice in one transaction runs once. A transaction not started
 * with transaction() runs none (the architecture test keeps app code on it).
 * Hooks run after the commit, so they must not throw: they only wake things up.
 */
export function afterCommit(db: Db, hook: () => void): void {
  if (db === prisma) hook();
  else hooksOf.get(db as Tx)?.add(hook);
}
