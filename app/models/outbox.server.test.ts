import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { backoffDelayMs, CLAIM_LEASE_MS, claimBatch, enqueueEmail, markFailed, markSent, MAX_ATTEMPTS } from "./outbox.server";
import { countOutbox, getOutboxEmail, listOutbox, listRecentEmails, retryEmail } from "./outbox-admin.server";

const MINUTE = 60_000;
let counter = 0;
const message = (extra: Partial<Parameters<typeof enqueueEmail>[0]> = {}) => ({
  to: `person${++counter}@kommun.example`,
  subject: "Ämne",
  text: "Hej!",
  kind: "test",
  ...extra,
});

describe("enqueueEmail", () => {
  it("writes the mail only if the surrounding transaction commits", async () => {
    const to = "rollback@kommun.example";
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueEmail(message({ to }), tx);
        throw new Error("the change that caused the mail failed");
      }),
    ).rejects.toThrow("the change that caused the mail failed");
    expect((await listOutbox({ take: 500 })).filter((e) => e.toAddress === to)).toHaveLength(0);

    const committed = await prisma.$transaction((tx) => enqueueEmail(message({ to }), tx));
    expect(committed.created).toBe(true);
    expect((await listOutbox({ take: 500 })).filter((e) => e.toAddress === to)).toHaveLength(1);
  });

  it("stores attachments as JSON and gives them back typed", async () => {
    const ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
    const { email } = await enqueueEmail(message({ attachments: [{ filename: "forum.ics", contentType: "text/calendar", content: ics }] }));
    const stored = await getOutboxEmail(email.id);
    expect(stored?.attachments).toEqual([{ filename: "forum.ics", contentType: "text/calendar", content: ics }]);
    expect(stored?.status).toBe("queued");
  });

  it("refuses anything but one bare address", async () => {
    for (const to of ["", "inte-en-adress", "Anna <anna@kommun.example>", "a@kommun.example\r\nBcc: b@example.org", "a@x.example, b@y.example"]) {
      await expect(enqueueEmail(message({ to }))).rejects.toThrow("Ogiltig mottagaradress");
    }
  });

  it("is a no-op for a dedupeKey that is already queued", async () => {
    const first = await enqueueEmail(message({ dedupeKey: "verify:user-1" }));
    const second = await enqueueEmail(message({ dedupeKey: "verify:user-1", subject: "Annat ämne" }));
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.email.id).toBe(first.email.id);
    expect(second.email.subject).toBe("Ämne");
  });

  it("creates exactly one row for 20 concurrent enqueues with the same key", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => enqueueEmail(message({ dedupeKey: "registration:event-7:user-3" }))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.email.id)).size).toBe(1);
    const rows = (await listOutbox({ take: 500 })).filter((e) => e.id === results[0]!.email.id);
    expect(rows).toHaveLength(1);
  });
});

describe("claimBatch", () => {
  it("never hands the same row to two concurrent claims", async () => {
    const now = new Date(Date.now() + 1000 * MINUTE); // everything queued so far is due
    const ids = new Set<string>();
    for (let i = 0; i < 12; i++) ids.add((await enqueueEmail(message({ kind: "claim-test" }))).email.id);
    const [a, b, c] = await Promise.all([claimBatch(100, now), claimBatch(100, now), claimBatch(100, now)]);
    const claimed = [...a!, ...b!, ...c!].filter((e) => ids.has(e.id));
    expect(claimed).toHaveLength(12);
    expect(new Set(claimed.map((e) => e.id)).size).toBe(12);
    expect(claimed.every((e) => e.attempts === 1)).toBe(true);
    // All taken: a further claim at the same time gets none of them.
    expect((await claimBatch(100, now)).filter((e) => ids.has(e.id))).toHaveLength(0);
    for (const e of claimed) await markSent(e.id, now);
  });

  it("skips mail that is not due yet and takes over rows whose lease ran out", async () => {
    const now = new Date(Date.now() + 2000 * MINUTE);
    const later = await enqueueEmail(message({ sendAfter: new Date(now.getTime() + 5 * MINUTE) }));
    const due = await enqueueEmail(message());
    const first = await claimBatch(100, now);
    expect(first.map((e) => e.id)).toContain(due.email.id);
    expect(first.map((e) => e.id)).not.toContain(later.email.id);

    // The sender died: the row stays "sending" until the lease is over, then another sender takes it.
    expect((await claimBatch(100, new Date(now.getTime() + CLAIM_LEASE_MS - 1000))).map((e) => e.id)).not.toContain(due.email.id);
    const afterLease = new Date(now.getTime() + CLAIM_LEASE_MS + 1000);
    const reclaimed = (await claimBatch(100, afterLease)).find((e) => e.id === due.email.id);
    expect(reclaimed?.attempts).toBe(2);
    await markSent(due.email.id, afterLease);
    expect((await getOutboxEmail(due.email.id))?.status).toBe("sent");
  });
});

describe("backoff", () => {
  it("doubles from one minute and stops at six hours", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelayMs(n) / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
    expect(backoffDelayMs(9) / MINUTE).toBe(256);
    expect(backoffDelayMs(10) / MINUTE).toBe(360);
    expect(backoffDelayMs(30) / MINUTE).toBe(360);
  });

  it("requeues a failed mail with growing waits and gives up after the last attempt", async () => {
    const { email } = await enqueueEmail(message({ kind: "backoff-test", sendAfter: new Date(0) }));
    let now = new Date(Date.now() + 3000 * MINUTE);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const claimed = (await claimBatch(500, now)).filter((e) => e.id === email.id);
      expect(claimed).toHaveLength(1);
      const outcome = await markFailed(email.id, new Error("421 försök senare"), now);
      const row = await getOutboxEmail(email.id);
      expect(row?.attempts).toBe(attempt);
      expect(row?.lastError).toBe("421 försök senare");
      if (attempt < MAX_ATTEMPTS) {
        expect(outcome.status).toBe("queued");
        waits.push((outcome.nextAttemptAt!.getTime() - now.getTime()) / MINUTE);
        // Not due a moment before the wait is over.
        expect((await claimBatch(500, new Date(outcome.nextAttemptAt!.getTime() - 1))).map((e) => e.id)).not.toContain(email.id);
        now = outcome.nextAttemptAt!;
      } else {
        expect(outcome.status).toBe("failed");
        expect(row?.status).toBe("failed");
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect((await claimBatch(500, new Date(now.getTime() + 1000 * MINUTE))).map((e) => e.id)).not.toContain(email.id);

    // The admin retries: queued again, due now, with fresh attempts.
    expect(await retryEmail(email.id, now)).toBe(true);
    const retried = await getOutboxEmail(email.id);
    expect(retried).toMatchObject({ status: "queued", attempts: 0 });
    expect((await claimBatch(500, now)).map((e) => e.id)).toContain(email.id);
    await markSent(email.id, now);
    expect(await retryEmail(email.id, now)).toBe(false); // sent mail is not sent again
  });
});

describe("admin lists", () => {
  it("counts by status and lists the newest first", async () => {
    const before = await countOutbox();
    const a = await enqueueEmail(message({ kind: "list-test" }));
    const b = await enqueueEmail(message({ kind: "list-test", attachments: [{ filename: "a.ics", contentType: "text/calendar", content: "x" }] }));
    await markFailed(a.email.id, "fel");
    const after = await countOutbox();
    expect(after.total).toBe(before.total + 2);
    expect(after.queued).toBe(before.queued + 2);

    const queued = await listOutbox({ status: "queued", take: 500 });
    expect(queued.every((e) => e.status === "queued")).toBe(true);
    const recent = await listRecentEmails(2);
    expect(recent.map((e) => e.id)).toEqual([b.email.id, a.email.id]);
    expect(recent[0]?.attachmentNames).toEqual(["a.ics"]);
    expect(recent[0]?.text).toBe("Hej!");
  });
});
