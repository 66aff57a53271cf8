import crypto from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { linksIn, parseMail, type ParsedAttachment } from "./mime";

/**
 * A real SMTP server for development and tests: it accepts every message on
 * 127.0.0.1 without authentication and stores each one as a JSON file in `dir`.
 * Tests start it in-process; `npm run mail:sink` runs it beside `npm run dev`.
 */

export type StoredMail = {
  id: string;
  receivedAt: string;
  envelope: { from: string | null; to: string[] };
  from: string;
  to: string;
  subject: string;
  messageId: string | null;
  text: string | null;
  html: string | null;
  attachments: ParsedAttachment[];
  raw: string;
};

export type MailQuery = { to?: string; subjectIncludes?: string; timeoutMs?: number };

export type SmtpSink = {
  port: number;
  dir: string;
  readMails(): StoredMail[];
  waitForMail(query?: MailQuery): Promise<StoredMail>;
  /** Removes the stored mail (the folder stays). */
  clear(): void;
  stop(): Promise<void>;
};

export const DEFAULT_SINK_DIR = path.join(".tmp", "mail");
export const DEFAULT_SINK_PORT = 2525;
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

let sequence = 0;

export async function startSmtpSink({
  port = DEFAULT_SINK_PORT,
  dir = DEFAULT_SINK_DIR,
  host = "127.0.0.1",
}: { port?: number; dir?: string; host?: string } = {}): Promise<SmtpSink> {
  const folder = path.resolve(dir);
  fs.mkdirSync(folder, { recursive: true });

  const server = new SMTPServer({
    name: "kommunforum-smtp-sink",
    banner: "Kommunforum SMTP sink (dev/test)",
    authOptional: true,
    allowInsecureAuth: true,
    // Any credentials are fine, so an SMTP_URL with user:pass works against the sink too.
    onAuth: (_auth, _session, callback) => callback(null, { user: "sink" }),
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error("Meddelandet är för stort"), { responseCode: 552 }));
          return;
        }
        try {
          const raw = Buffer.concat(chunks).toString("utf8");
          const mailFrom = session.envelope.mailFrom;
          storeMail(folder, raw, {
            from: mailFrom ? mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        } catch (error) {
          callback(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  // Keep later socket errors (a client hanging up) from crashing the process.
  server.on("error", () => {});
  const actualPort = (server.server.address() as AddressInfo).port;

  return {
    port: actualPort,
    dir: folder,
    readMails: () => readMails(folder),
    waitForMail: (query) => waitForMail(folder, query),
    clear: () => {
      for (const name of fs.readdirSync(folder)) if (name.endsWith(".json")) fs.rmSync(path.join(folder, name), { force: true });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function storeMail(folder: string, raw: string, envelope: StoredMail["envelope"]) {
  const parsed = parseMail(raw);
  const receivedAt = new Date();
  sequence += 1;
  const id = `${receivedAt.getTime()}-${String(sequence).padStart(6, "0")}-${crypto.randomBytes(4).toString("hex")}`;
  const mail: StoredMail = {
    id,
    receivedAt: receivedAt.toISOString(),
    envelope,
    from: parsed.from,
    to: parsed.to,
    subject: parsed.subject,
    messageId: parsed.messageId,
    text: parsed.text,
    html: parsed.html,
    attachments: parsed.attachments,
    raw,
  };
  // Write then rename, so a reader never sees half a file.
  const file = path.join(folder, `${id}.json`);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(mail, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

/** Every stored mail in `dir`, oldest first. */
export function readMails(dir: string = DEFAULT_SINK_DIR): StoredMail[] {
  const folder = path.resolve(dir);
  if (!fs.existsSync(folder)) return [];
  const mails: StoredMail[] = [];
  for (const name of fs
    .readdirSync(folder)
    .filter((n) => n.endsWith(".json"))
    .sort()) {
    try {
      mails.push(JSON.parse(fs.readFileSync(path.join(folder, name), "utf8")) as StoredMail);
    } catch {
      // removed or replaced meanwhile
    }
  }
  return mails.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
}

function matches(mail: StoredMail, query: MailQuery) {
  if (query.to) {
    const want = query.to.toLowerCase();
    if (!mail.envelope.to.some((address) => address.toLowerCase() === want)) return false;
  }
  if (query.subjectIncludes && !mail.subject.includes(query.subjectIncludes)) return false;
  return true;
}

/** Waits until a matching mail has arrived (newest match wins) or fails after `timeoutMs`. */
export async function waitForMail(dir: string = DEFAULT_SINK_DIR, query: MailQuery = {}): Promise<StoredMail> {
  const deadline = Date.now() + (query.timeoutMs ?? 10_000);
  for (;;) {
    const mails = readMails(dir);
    const found = mails.filter((m) => matches(m, query)).at(-1);
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = mails.map((m) => `${m.envelope.to.join(",")}: ${m.subject}`).join("; ") || "inga";
      throw new Error(`Inget mejl som matchar ${JSON.stringify({ to: query.to, subjectIncludes: query.subjectIncludes })} kom fram. Mottagna: ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The links in a stored mail's text part, e.g. to follow a verification link in a test. */
export function linksInMail(mail: StoredMail): string[] {
  return linksIn(mail.text);
}
