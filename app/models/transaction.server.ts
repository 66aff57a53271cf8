import { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";

/**
 * How models use transactions, written once: the two client types, the options for
 * transactions that may queue behind others, and what a lost race into a unique
 * index looks like.
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
