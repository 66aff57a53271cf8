import nodemailer from "nodemailer";
import { claimBatch, markFailed, markSent, setOutboxWakeHook, type ClaimedEmail } from "~/models/outbox.server";
import { env } from "~/utils/env.server";

/**
 * Delivers the outbox over SMTP.
 *
 * Demo mode: without SMTP_URL nothing is sent. Mail stays "queued" in the outbox,
 * where the demo mail viewer and the admin page can show it, and goes out as soon as
 * the server is started with SMTP_URL set.
 */

export type SendOptions = {
  /** Defaults to SMTP_URL. Without one the call does nothing (demo mode). */
  smtpUrl?: string | null;
  /** Defaults to MAIL_FROM. */
  from?: string;
  /** Rows claimed per batch. */
  limit?: number;
  /** The clock, for tests: which rows are due and when failed ones are retried. */
  now?: () => Date;
};

export type BatchResult = {
  /** false in demo mode (no SMTP_URL): nothing was claimed or sent. */
  smtp: boolean;
  claimed: number;
  sent: number;
  /** Failed now and queued again with backoff. */
  retrying: number;
  /** Failed for the last allowed time; now status "failed". */
  gaveUp: number;
};

const DEFAULT_BATCH = 25;
const PARALLEL_SESSIONS = 4;

function createTransport(smtpUrl: string) {
  // Short timeouts: a hanging server must not hold a batch past its claim lease.
  return nodemailer.createTransport(smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
}

/** Claims one batch of due mail, delivers it and records each result. */
export async function sendOutboxBatch(options: SendOptions = {}): Promise<BatchResult> {
  const result: BatchResult = { smtp: false, claimed: 0, sent: 0, retrying: 0, gaveUp: 0 };
  const smtpUrl = options.smtpUrl === undefined ? env().SMTP_URL : options.smtpUrl;
  if (!smtpUrl) return result;
  result.smtp = true;

  const now = options.now ?? (() => new Date());
  const batch = await claimBatch(options.limit ?? DEFAULT_BATCH, now());
  result.claimed = batch.length;
  if (batch.length === 0) return result;

  const from = options.from ?? env().MAIL_FROM;
  const transport = createTransport(smtpUrl);
  const deliver = async (email: ClaimedEmail) => {
    try {
      await transport.sendMail(toMessage(email, from));
    } catch (error) {
      const outcome = await markFailed(email.id, error, now());
      if (outcome.status === "failed") result.gaveUp += 1;
      else result.retrying += 1;
      log("warn", "E-post kunde inte skickas", {
        emailId: email.id,
        kind: email.kind,
        attempts: email.attempts,
        status: outcome.status,
        error: errorMessage(error),
      });
      return;
    }
    result.sent += 1;
    await markSent(email.id, now());
  };
  const settle = (email: ClaimedEmail) =>
    deliver(email).catch((dbError: unknown) => {
      // The result could not be saved: the row stays "sending" and is picked up again
      // when its claim lease runs out (at-least-once delivery).
      log("error", "Utfallet av ett utskick kunde inte sparas", { emailId: email.id, error: errorMessage(dbError) });
    });
  // A few SMTP sessions side by side: each one spends most of its time waiting on the server.
  const queue = [...batch];
  try {
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL_SESSIONS, queue.length) }, async () => {
        for (let email = queue.shift(); email; email = queue.shift()) await settle(email);
      }),
    );
  } finally {
    transport.close();
  }
  return result;
}

/** Mail the organizer writes or sends to participants: a reply reaches the organizer, not the no-reply sender. */
export const ORGANIZER_MAIL_KINDS = new Set(["registration-message", "registration-message-test", "registration-reminder", "invitation"]);

function toMessage(email: ClaimedEmail, from: string): nodemailer.SendMailOptions {
  return {
    from,
    ...(ORGANIZER_MAIL_KINDS.has(email.kind) ? { replyTo: env().ORGANIZER_EMAIL } : {}),
    to: email.toAddress,
    subject: email.subject,
    text: email.text,
    html: email.html ?? undefined,
    attachments: email.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    // A stable Message-ID: if a crash makes us send a row twice, mail clients can tell.
    messageId: `<${email.id}@${mailDomain(from)}>`,
    headers: {
      "Auto-Submitted": "auto-generated",
      // RFC 8058: mail clients may POST "List-Unsubscribe=One-Click" to the address.
      ...(email.unsubscribeUrl ? { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {}),
    },
    list: email.unsubscribeUrl ? { unsubscribe: email.unsubscribeUrl } : undefined,
  };
}

function mailDomain(from: string) {
  return /@([^>\s]+)/.exec(from)?.[1] ?? "kommunforum.local";
}

/** Sends batches until nothing is due (failed rows wait for their backoff). */
export async function sendAllDue(options: SendOptions = {}): Promise<BatchResult> {
  const total: BatchResult = { smtp: false, claimed: 0, sent: 0, retrying: 0, gaveUp: 0 };
  for (let round = 0; round < 1000; round++) {
    const r = await sendOutboxBatch(options);
    total.smtp = r.smtp;
    total.claimed += r.claimed;
    total.sent += r.sent;
    total.retrying += r.retrying;
    total.gaveUp += r.gaveUp;
    if (r.claimed === 0) break;
  }
  return total;
}

let activeSender: (() => void) | null = null;

/**
 * Runs the sender every `intervalMs` in this process, and at once when mail is queued
 * (wakeOutboxSender in app/models/outbox.server.ts). The returned stop function
 * waits for the batch in flight, so a graceful shutdown loses no result.
 */
export function startOutboxSender(options: SendOptions & { intervalMs?: number } = {}): () => Promise<void> {
  const smtpUrl = options.smtpUrl === undefined ? env().SMTP_URL : options.smtpUrl;
  if (!smtpUrl) {
    log("info", "SMTP_URL saknas: e-post sparas i utkorgen och skickas inte (demoläge)");
    return async () => {};
  }
  const intervalMs = options.intervalMs ?? 5_000;
  const limit = options.limit ?? DEFAULT_BATCH;
  let stopped = false;
  let again = false;
  let inFlight: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, intervalMs);
    timer.unref();
  };

  async function loop() {
    do {
      again = false;
      try {
        const r = await sendOutboxBatch({ ...options, smtpUrl, limit });
        if (r.claimed === limit) again = true; // more may be due
      } catch (error) {
        log("error", "Utkorgen kunde inte bearbetas", { error: errorMessage(error) });
      }
    } while (again && !stopped);
  }

  function run() {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    clearTimeout(timer);
    inFlight = loop().finally(() => {
      inFlight = null;
      schedule();
    });
  }

  const sender = () => run();
  activeSender = sender;
  setOutboxWakeHook(sender);
  schedule();

  return async () => {
    stopped = true;
    clearTimeout(timer);
    if (activeSender === sender) {
      activeSender = null;
      setOutboxWakeHook(null);
    }
    await inFlight;
  };
}

function errorMessage(error: unknown) {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

function log(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown> = {}) {
  if (env().NODE_ENV === "test") return;
  process.stdout.write(JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields }) + "\n");
}
