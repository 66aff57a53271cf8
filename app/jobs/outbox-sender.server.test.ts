import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requestInvitations } from "~/models/invitation.server";
import { enqueueEmail, markFailed, wakeOutboxSender } from "~/models/outbox.server";
import { getOutboxEmail, retryEmail } from "~/models/outbox-admin.server";
import { startSmtpSink, type SmtpSink } from "~/test/smtp-sink";
import { sendAllDue, sendOutboxBatch, startOutboxSender } from "./outbox-sender.server";

const MINUTE = 60_000;
let sink: SmtpSink;
let smtpUrl: string;
// Each test moves the clock on, so rows left waiting by an earlier test are due again
// and sent there; a test only counts mail to its own recipients.
let clock = Date.now();
const advance = (ms: number) => {
  clock += ms;
  return new Date(clock);
};

beforeAll(async () => {
  sink = await startSmtpSink({ port: 0, dir: fs.mkdtempSync(path.join(os.tmpdir(), "mail-sink-")) });
  smtpUrl = `smtp://127.0.0.1:${sink.port}`;
});
afterAll(async () => {
  await sink.stop();
  fs.rmSync(sink.dir, { recursive: true, force: true });
});
beforeEach(async () => {
  // Deliver anything left from earlier tests, then start from an empty sink.
  await sendAllDue({ smtpUrl, now: () => advance(7 * 60 * MINUTE) });
  sink.clear();
});

async function enqueueMany(n: number, tag: string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { email } = await enqueueEmail({ to: `${tag}-${i}@kommun.example`, subject: `Test ${tag} ${i}`, text: `Meddelande ${i}`, kind: "test" });
    ids.push(email.id);
  }
  return ids;
}

function deliveredIds(mails: ReturnType<SmtpSink["readMails"]>) {
  return mails.map((m) => /<([^@>]+)@/.exec(m.messageId ?? "")?.[1]);
}

describe("sendOutboxBatch", () => {
  it("delivers a mail with its HTML part and attachment, and marks it sent", async () => {
    const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Kommunforum Analytics\r\nEND:VCALENDAR\r\n";
    const { email } = await enqueueEmail({
      to: "anna.svensson@borlange.example",
      subject: "Välkommen till forumet – åäö",
      text: "Hej Anna!\nDu är anmäld.",
      html: "<p>Hej Anna! Du är anmäld.</p>",
      attachments: [{ filename: "kommunforum.ics", contentType: "text/calendar", content: ics }],
      kind: "registration",
    });
    const result = await sendOutboxBatch({ smtpUrl, from: "Kommunforum <noreply@kommunforum.local>", now: () => new Date(clock) });
    expect(result).toMatchObject({ smtp: true, sent: 1, retrying: 0, gaveUp: 0 });

    const mail = await sink.waitForMail({ to: "anna.svensson@borlange.example", subjectIncludes: "Välkommen", timeoutMs: 5000 });
    expect(mail.subject).toBe("Välkommen till forumet – åäö");
    expect(mail.text?.trim()).toBe("Hej Anna!\nDu är anmäld.");
    expect(mail.html).toContain("Du är anmäld.");
    expect(mail.envelope.from).toBe("noreply@kommunforum.local");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["kommunforum.ics"]);
    expect(mail.attachments[0]?.content?.replace(/\r\n/g, "\n")).toBe(ics.replace(/\r\n/g, "\n"));
    expect(mail.messageId).toBe(`<${email.id}@kommunforum.local>`);

    const row = await getOutboxEmail(email.id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(row?.sentAt).toBeInstanceOf(Date);
  });

  it("adds List-Unsubscribe with one-click POST only to mail that has an unsubscribe address", async () => {
    const url = "http://localhost:3000/inbjudan/avsluta?s=abc&sig=def";
    await enqueueEmail({ to: "lista@kommun.example", subject: "Inbjudan", text: "Välkommen", kind: "invitation", unsubscribeUrl: url });
    await enqueueEmail({ to: "enskild@kommun.example", subject: "Kvitto", text: "Tack", kind: "registration" });
    await sendOutboxBatch({ smtpUrl, now: () => new Date(clock) });

    const listMail = await sink.waitForMail({ to: "lista@kommun.example", timeoutMs: 5000 });
    const unfolded = listMail.raw.replace(/\r?\n[ \t]+/g, " ");
    expect(unfolded).toMatch(new RegExp(`^List-Unsubscribe: <${url.replace(/[?.]/g, "\\$&")}>`, "m"));
    expect(unfolded).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    const personal = await sink.waitForMail({ to: "enskild@kommun.example", timeoutMs: 5000 });
    expect(personal.raw).not.toMatch(/^List-Unsubscribe/im);
  });

  it("does nothing without an SMTP address: mail stays queued (demo mode)", async () => {
    const [id] = await enqueueMany(1, "demo");
    const result = await sendOutboxBatch({ smtpUrl: null });
    expect(result).toEqual({ smtp: false, claimed: 0, sent: 0, retrying: 0, gaveUp: 0 });
    expect(await getOutboxEmail(id!)).toMatchObject({ status: "queued", attempts: 0 });
    expect(sink.readMails()).toHaveLength(0);
  });

  it("delivers each of 30 mails exactly once when two senders run at the same time", async () => {
    const ids = await enqueueMany(30, "pair");
    const now = () => new Date(clock);
    const [a, b] = await Promise.all([sendOutboxBatch({ smtpUrl, limit: 20, now }), sendOutboxBatch({ smtpUrl, limit: 20, now })]);
    await sendAllDue({ smtpUrl, now }); // whatever neither batch took
    expect(a!.sent + b!.sent).toBeGreaterThan(0);

    const mails = sink.readMails();
    expect(mails).toHaveLength(30);
    expect(fs.readdirSync(sink.dir).filter((n) => n.endsWith(".json"))).toHaveLength(30);
    expect(new Set(deliveredIds(mails))).toEqual(new Set(ids));
    for (const id of ids) expect((await getOutboxEmail(id))?.status).toBe("sent");
  });

  it("delivers each mail once when separate processes send at the same time", async () => {
    const ids = await enqueueMany(30, "procs");
    const run = promisify(execFile);
    const env: NodeJS.ProcessEnv = { ...process.env, SMTP_URL: smtpUrl, NODE_ENV: "test" };
    const script = path.resolve("scripts", "outbox-send.ts");
    const tsx = path.resolve("node_modules", ".bin", "tsx");
    await Promise.all([run(tsx, [script], { env }), run(tsx, [script], { env }), sendAllDue({ smtpUrl })]);

    const mails = sink.readMails();
    expect(mails).toHaveLength(30);
    expect(new Set(deliveredIds(mails))).toEqual(new Set(ids));
  }, 60_000);

  it("keeps mail queued while the SMTP server is down and delivers it once it is back", async () => {
    const ids = await enqueueMany(3, "down");
    const port = sink.port;
    await sink.stop();
    const failedAt = new Date(clock);
    try {
      const result = await sendOutboxBatch({ smtpUrl, now: () => failedAt });
      expect(result).toMatchObject({ smtp: true, sent: 0, retrying: 3, gaveUp: 0 });
      for (const id of ids) {
        const row = await getOutboxEmail(id);
        expect(row).toMatchObject({ status: "queued", attempts: 1 });
        expect(row!.nextAttemptAt.getTime()).toBe(failedAt.getTime() + MINUTE);
        expect(row!.lastError).toMatch(/ECONNREFUSED|connect/i);
      }
      // Not due yet: a send within the minute takes nothing.
      expect((await sendOutboxBatch({ smtpUrl, now: () => new Date(failedAt.getTime() + 30_000) })).claimed).toBe(0);
    } finally {
      sink = await startSmtpSink({ port, dir: sink.dir });
    }
    const result = await sendOutboxBatch({ smtpUrl, now: () => advance(2 * MINUTE) });
    expect(result.sent).toBe(3);
    expect(new Set(deliveredIds(sink.readMails()))).toEqual(new Set(ids));
    for (const id of ids) expect(await getOutboxEmail(id)).toMatchObject({ status: "sent", attempts: 2 });
  });
});

describe("startOutboxSender", () => {
  it("sends at once when woken and waits for the batch in flight when stopped", async () => {
    const stop = startOutboxSender({ smtpUrl, intervalMs: 60 * MINUTE });
    try {
      const [id] = await enqueueMany(1, "wake");
      wakeOutboxSender();
      const mail = await sink.waitForMail({ to: "wake-0@kommun.example", timeoutMs: 5000 });
      expect(deliveredIds([mail])).toEqual([id]);

      const more = await enqueueMany(5, "stop");
      wakeOutboxSender();
      await stop();
      // stop() returned after the batch it had started: its rows are settled, none half-done.
      for (const rowId of more) expect(["queued", "sent"]).toContain((await getOutboxEmail(rowId))?.status);
    } finally {
      await stop();
    }
  });

  it("sends mail a model queued in its transaction as soon as that transaction has committed", async () => {
    // An hour between rounds: only the wake of the model that queued the mail can send it now.
    const stop = startOutboxSender({ smtpUrl, intervalMs: 60 * MINUTE });
    try {
      expect(await requestInvitations({ email: "inbjudan@kommun.example", name: "Inbjuden" })).toBe("confirmation-sent");
      const mail = await sink.waitForMail({ to: "inbjudan@kommun.example", timeoutMs: 5000 });
      expect(mail.subject).toMatch(/inbjudningar/);
    } finally {
      await stop();
    }
  });

  it("sends a retried mail at once", async () => {
    const { email } = await enqueueEmail({ to: "omsandning@kommun.example", subject: "Omsändning", text: "Igen", kind: "test" });
    await markFailed(email.id, new Error("SMTP nere"));
    const stop = startOutboxSender({ smtpUrl, intervalMs: 60 * MINUTE });
    try {
      expect(await retryEmail(email.id)).toBe(true);
      await sink.waitForMail({ to: "omsandning@kommun.example", timeoutMs: 5000 });
    } finally {
      await stop();
    }
  });

  it("does not start without an SMTP address", async () => {
    const stop = startOutboxSender({ smtpUrl: null, intervalMs: 10 });
    const [id] = await enqueueMany(1, "nostart");
    wakeOutboxSender();
    // What is tested is that nothing happens: no event to wait for, so ten intervals pass.
    await new Promise((r) => setTimeout(r, 100));
    await stop();
    expect(await getOutboxEmail(id!)).toMatchObject({ status: "queued", attempts: 0 });
  });
});
