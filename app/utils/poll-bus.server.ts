import crypto from "node:crypto";
import { createRequire } from "node:module";
import type { Client } from "pg";
import { databaseUrl } from "./database-url";
import { byProvider } from "./dialect.server";

/**
 * Publish/subscribe for live poll results: a vote or a state change publishes
 * the poll id, and every open presenter stream for that poll reloads its
 * numbers. Two implementations behind one interface (dialect.server.ts):
 *
 * - SQLite (one process): in-process listeners.
 * - PostgreSQL (several instances behind a load balancer): the same local
 *   fan-out, plus `pg_notify('poll_updates', '<instance>:<pollId>')`. Each
 *   process keeps ONE dedicated `pg` client that LISTENs and fans a
 *   notification from another instance out to its own subscribers (its own
 *   notifications come back too and are skipped: they were delivered locally
 *   at once). The client connects at the first publish/subscribe, reconnects
 *   with backoff after an error, and after every (re)connect tells all local
 *   subscribers to reload once, so a vote whose NOTIFY fell into a gap is not
 *   lost (the reload reads the committed numbers). A NOTIFY that could not be
 *   sent (no connection) is sent again after the next connect. `listening()`
 *   resolves once LISTEN is acknowledged: from then on no other instance's
 *   notification is missed, so the presenter stream sends its first numbers
 *   only then (routes/…live.ts). `closePollBus()` ends it on shutdown (disconnectDb).
 */
export type PollListener = () => void;

export interface PollBus {
  publish(pollId: string): void;
  /** Returns the function that unsubscribes. */
  subscribe(pollId: string, listener: PollListener): () => void;
  /** Resolves when other instances' changes reach this process (at once in-process; rejects if LISTEN fails). */
  listening(): Promise<void>;
  close(): Promise<void>;
}

export const POLL_CHANNEL = "poll_updates";

function createListeners() {
  const listeners = new Map<string, Set<PollListener>>();
  const call = (listener: PollListener) => {
    try {
      listener();
    } catch {
      // One broken stream must not stop the others.
    }
  };
  return {
    fanOut(pollId: string) {
      for (const listener of [...(listeners.get(pollId) ?? [])]) call(listener);
    },
    fanOutAll() {
      for (const set of [...listeners.values()]) for (const listener of [...set]) call(listener);
    },
    add(pollId: string, listener: PollListener) {
      let set = listeners.get(pollId);
      if (!set) listeners.set(pollId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(pollId) === set) listeners.delete(pollId);
      };
    },
  };
}

/** Also the page cache's bus on SQLite (page-cache.server.ts). */
export function createInProcessBus(): PollBus {
  const local = createListeners();
  return {
    publish: (pollId) => local.fanOut(pollId),
    subscribe: (pollId, listener) => local.add(pollId, listener),
    listening: async () => {},
    close: async () => {},
  };
}

function log(level: "info" | "error", msg: string, error?: unknown) {
  process.stdout.write(JSON.stringify({ level, time: new Date().toISOString(), msg, ...(error ? { error: String(error).slice(0, 300) } : {}) }) + "\n");
}

/**
 * Exported for app/utils/poll-bus.server.test.ts (two buses = two instances in one
 * process), and for the page cache, which runs one on a channel of its own.
 */
export function createPostgresBus(url: string, channel: string = POLL_CHANNEL): PollBus {
  const local = createListeners();
  const instance = crypto.randomBytes(6).toString("hex");
  let client: Client | null = null;
  let connecting: Promise<Client> | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let backoffMs = 250;
  // One query at a time on the one client (pg deprecates overlapping queries).
  let notifying: Promise<unknown> = Promise.resolve();
  // Polls whose NOTIFY is not sent yet (sent, or sent again after a failure, by flush()).
  const unsent = new Set<string>();

  function flush() {
    notifying = notifying
      .then(async () => {
        if (unsent.size === 0 || closed) return;
        const c = await connect();
        for (const pollId of [...unsent]) {
          // Taken out first: a publish during the query adds it again for a later NOTIFY.
          unsent.delete(pollId);
          try {
            await c.query("SELECT pg_notify($1, $2)", [channel, `${instance}:${pollId}`]);
          } catch (error) {
            unsent.add(pollId);
            throw error;
          }
        }
      })
      // Left in `unsent`: the reconnect that lost() schedules sends them (connect() flushes).
      .catch((error: unknown) => log("error", "Kunde inte meddela andra instanser om omröstningen", error));
  }

  function connect(): Promise<Client> {
    if (client) return Promise.resolve(client);
    if (connecting) return connecting;
    const require = createRequire(import.meta.url);
    const pg = require("pg") as typeof import("pg");
    const c = new pg.Client({ connectionString: url });
    connecting = (async () => {
      // Registered before connect: an error on an idle client must not crash the process.
      c.on("error", (error) => lost(c, error));
      c.on("end", () => lost(c, null));
      c.on("notification", (message) => {
        if (message.channel !== channel || !message.payload) return;
        const [from, pollId] = message.payload.split(":", 2);
        if (from !== instance && pollId) local.fanOut(pollId);
      });
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (closed) {
        await c.end().catch(() => {});
        throw new Error("poll bus closed");
      }
      client = c;
      backoffMs = 250;
      // Anything published while we were not listening: reload once.
      local.fanOutAll();
      if (unsent.size > 0) queueMicrotask(flush);
      return c;
    })().finally(() => {
      connecting = null;
    });
    connecting.catch((error: unknown) => lost(c, error));
    return connecting;
  }

  function lost(c: Client, error: unknown) {
    if (client === c) client = null;
    c.removeAllListeners("end");
    c.end().catch(() => {});
    if (closed) return;
    if (error) log("error", "Omröstningarnas LISTEN-anslutning bröts, ansluter igen", error);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      connect().catch(() => {});
    }, backoffMs);
    retryTimer.unref();
    backoffMs = Math.min(backoffMs * 2, 10_000);
  }

  return {
    publish(pollId) {
      local.fanOut(pollId);
      if (closed) return;
      unsent.add(pollId);
      flush();
    },
    subscribe(pollId, listener) {
      if (!closed) connect().catch(() => {});
      return local.add(pollId, listener);
    },
    async listening() {
      await connect();
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const c = client ?? (await connecting?.catch(() => null)) ?? null;
      client = null;
      if (c) {
        c.removeAllListeners("end");
        await c.end().catch(() => {});
      }
    },
  };
}

// Survives module reloads in development, like the database client.
const g = globalThis as { __pollBus?: PollBus };
export const pollBus: PollBus = (g.__pollBus ??= byProvider<() => PollBus>({
  sqlite: createInProcessBus,
  postgres: () => createPostgresBus(databaseUrl()),
})());

export const publishPollChange = (pollId: string) => pollBus.publish(pollId);
export const subscribeToPoll = (pollId: string, listener: PollListener) => pollBus.subscribe(pollId, listener);
/** Resolves when this process hears other instances' changes, or after `maxWaitMs` (LISTEN slow or failing). */
export function pollBusListening(maxWaitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    pollBus.listening().catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, maxWaitMs);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
/** Ends the LISTEN connection (PostgreSQL); called by disconnectDb on shutdown. */
export const closePollBus = () => pollBus.close();
