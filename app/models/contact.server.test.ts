import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink } from "~/test/smtp-sink";
import { prisma } from "~/utils/db.server";
import { sendOutboxBatch } from "~/jobs/outbox-sender.server";
import { createContactMessage, replyToContactMessage, setContactStatus } from "./contact.server";
import { upsertReferenceData } from "./reference.server";

const message = (email: string) => ({
  name: "Karin Kontakt",
  email,
  municipalityCode: "1290",
  organisationName: "",
  subject: "inspelning",
  body: "Hej! Finns inspelningen från i våras?",
});

beforeAll(async () => {
  await upsertReferenceData();
});

describe("contact messages", () => {
  it("stores the message first and queues a receipt to the sender and a notice to the organizer", async () => {
    const { id } = await createContactMessage(message("karin@kristianstad.example"));
    const stored = await prisma.contactMessage.findUniqueOrThrow({ where: { id }, select: { status: true, consentedAt: true, body: true } });
    expect(stored.status).toBe("ny");
    expect(stored.body).toContain("inspelningen");
    const mails = await prisma.outboxEmail.findMany({
      where: { kind: { in: ["contact-receipt", "contact-notice"] } },
      select: { kind: true, toAddress: true, text: true },
    });
    expect(mails.map((m) => m.kind).sort()).toEqual(["contact-notice", "contact-receipt"]);
    // The receipt does not repeat the message, so the form cannot mail arbitrary text to anyone.
    expect(mails.find((m) => m.kind === "contact-receipt")!.text).not.toContain("inspelningen från i våras");
  });

  it("keeps the message when SMTP is down and delivers both mails when it is back", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontakt-sink-"));
    const probe = await startSmtpSink({ port: 0, dir });
    const port = probe.port;
    await probe.stop(); // nothing listens on the port now
    await prisma.outboxEmail.deleteMany({});
    const { id } = await createContactMessage(message("nere@kristianstad.example"));

    const down = await sendOutboxBatch({ smtpUrl: `smtp://127.0.0.1:${port}` });
    expect(down.sent).toBe(0);
    expect(down.retrying).toBe(2);
    expect(await prisma.contactMessage.count({ where: { id } })).toBe(1);
    expect(await prisma.outboxEmail.count({ where: { status: "queued", attempts: 1 } })).toBe(2);

    const sink = await startSmtpSink({ port, dir });
    try {
      const later = new Date(Date.now() + 10 * 60_000);
      const up = await sendOutboxBatch({ smtpUrl: `smtp://127.0.0.1:${port}`, now: () => later });
      expect(up.sent).toBe(2);
      const receipt = await sink.waitForMail({ to: "nere@kristianstad.example", timeoutMs: 5000 });
      expect(receipt.subject).toContain("Vi har tagit emot ditt meddelande");
    } finally {
      await sink.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sends the organizer's reply, keeps it in the history and audits it with the change", async () => {
    const organizer = await prisma.user.create({ data: { email: "org@kommunforum.example", name: "Olga Arrangör", role: "organizer" } });
    const { id } = await createContactMessage(message("svar@kristianstad.example"));
    expect(await replyToContactMessage(organizer.id, id, "Ja, den finns under Inspelningar.")).toBe(true);
    const after = await prisma.contactMessage.findUniqueOrThrow({
      where: { id },
      select: { status: true, replies: { select: { body: true, authorId: true } } },
    });
    expect(after.status).toBe("besvarad");
    expect(after.replies).toEqual([{ body: "Ja, den finns under Inspelningar.", authorId: organizer.id }]);
    const reply = await prisma.outboxEmail.findFirstOrThrow({ where: { kind: "contact-reply", toAddress: "svar@kristianstad.example" } });
    expect(reply.text).toContain("Ja, den finns under Inspelningar.");
    expect(await prisma.auditLog.count({ where: { action: "contact.reply", entityId: id, actorId: organizer.id } })).toBe(1);

    expect(await setContactStatus(organizer.id, id, "arkiverad")).toBe(true);
    const archived = await prisma.contactMessage.findUniqueOrThrow({ where: { id }, select: { archivedAt: true } });
    expect(archived.archivedAt).not.toBeNull();
    expect(await replyToContactMessage(organizer.id, "finns-inte", "x")).toBe(false);
  });
});
