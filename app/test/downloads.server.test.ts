// Uploaded slides as the production server sends them: whole, in ranges, and to
// clients that stop reading without the server holding the file in memory.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./app-server";
import { canMeasureMemory, measurePeakRise, memorySettled } from "./process-memory";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

const MB = 1024 * 1024;
let app: AppServer;
let file: Buffer;
let href: string;

/** A material file of 15 MB on a published recording of a past forum. */
async function publishedPdf(): Promise<string> {
  const now = new Date();
  const [event] = await testQuery<{ id: string }>(
    app.databaseUrl,
    `SELECT "id" FROM "Event" WHERE "status" = 'published' AND "endsAt" < ? ORDER BY "startsAt" LIMIT 1`,
    [now],
  );
  expect(event, "the seed has a past forum").toBeTruthy();
  // The seed may already give that forum its recording entry; the material hangs on it then.
  const [seeded] = await testQuery<{ id: string }>(app.databaseUrl, `SELECT "id" FROM "Recording" WHERE "eventId" = ?`, [event!.id]);
  const recordingId = seeded?.id ?? `rec${crypto.randomBytes(6).toString("hex")}`;
  if (seeded) {
    await testQuery(app.databaseUrl, `UPDATE "Recording" SET "publishedAt" = ? WHERE "id" = ?`, [new Date(+now - 86_400_000), recordingId]);
  } else {
    await testQuery(
      app.databaseUrl,
      `INSERT INTO "Recording" ("id", "eventId", "videoUrl", "provider", "publishedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, 'youtube', ?, ?, ?)`,
      // The address is a parameter: testQuery turns every "?" into a placeholder on PostgreSQL.
      [recordingId, event!.id, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", new Date(+now - 86_400_000), now, now],
    );
  }
  file = Buffer.concat([Buffer.from("%PDF-1.4\n"), crypto.randomBytes(15 * MB)]);
  const storedName = `${crypto.randomBytes(16).toString("hex")}.pdf`;
  fs.mkdirSync(path.join(app.dataDir, "uploads"), { recursive: true });
  fs.writeFileSync(path.join(app.dataDir, "uploads", storedName), file);
  const id = `dl${crypto.randomBytes(6).toString("hex")}`;
  await testQuery(
    app.databaseUrl,
    `INSERT INTO "Material" ("id", "recordingId", "title", "kind", "filePath", "mimeType", "sizeBytes", "position", "createdAt") VALUES (?, ?, 'Stora bilder', 'file', ?, 'application/pdf', ?, 99, ?)`,
    [id, recordingId, storedName, file.length, now],
  );
  return `/material/${id}`;
}

const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

describe.skipIf(!buildExists())("material downloads (production build)", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "downloads", seed: true });
    href = await publishedPdf();
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    fs.rmSync(app?.dataDir ?? "", { recursive: true, force: true });
  });

  it("sends the whole file with its length, and answers ranges with 206 and an impossible range with 416", async () => {
    const whole = await fetch(`${app.url}${href}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.headers.get("content-type")).toBe("application/pdf");
    expect(whole.headers.get("content-length")).toBe(String(file.length));
    expect(whole.headers.get("content-disposition")).toMatch(/^attachment; filename="Stora bilder\.pdf"/);
    expect(whole.headers.get("cache-control")).toBe("private, max-age=300");
    expect(sha(Buffer.from(await whole.arrayBuffer()))).toBe(sha(file));

    const first = await fetch(`${app.url}${href}`, { headers: { Range: "bytes=0-99" } });
    expect(first.status).toBe(206);
    expect(first.headers.get("content-range")).toBe(`bytes 0-99/${file.length}`);
    expect(Buffer.from(await first.arrayBuffer()).equals(file.subarray(0, 100))).toBe(true);

    const tail = await fetch(`${app.url}${href}`, { headers: { Range: "bytes=-5000" } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(file.subarray(file.length - 5000))).toBe(true);

    const beyond = await fetch(`${app.url}${href}`, { headers: { Range: `bytes=${file.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${file.length}`);
    expect(await beyond.text()).toBe("Den begärda delen av filen finns inte.");

    const head = await fetch(`${app.url}${href}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(file.length));
    // The internal header that names the stored file never leaves the server.
    expect([...head.headers.keys()].filter((k) => k.startsWith("x-kf"))).toEqual([]);
  });

  it("marks a download for a logged-in member private, no-store", async () => {
    const login = await fetch(`${app.url}/logga-in?index`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
      body: new URLSearchParams({ email: "anna.demo@borlange.example", password: "Demo-Medlem-2026" }),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const res = await fetch(`${app.url}${href}`, { headers: { Cookie: cookie, Range: "bytes=0-9" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    await res.arrayBuffer();
  });

  it("answers 404 when the stored file is gone", async () => {
    const [row] = await testQuery<{ filePath: string }>(app.databaseUrl, `SELECT "filePath" FROM "Material" WHERE "id" = ?`, [href.split("/").pop()!]);
    const stored = path.join(app.dataDir, "uploads", row!.filePath);
    fs.renameSync(stored, `${stored}.bak`);
    try {
      const res = await fetch(`${app.url}${href}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("Filen finns inte.");
    } finally {
      fs.renameSync(`${stored}.bak`, stored);
    }
  });

  it.skipIf(!canMeasureMemory())(
    "80 connections that stop reading a 15 MB download raise the server's memory by less than 50 MB",
    async () => {
      // The same 80 requests answered at once first: what the heap grows by to handle
      // 80 at a time is not what a stalled download costs.
      await Promise.all(Array.from({ length: 80 }, () => fetch(`${app.url}${href}`, { method: "HEAD" }).then((r) => r.arrayBuffer())));
      const peakRise = measurePeakRise(app.pid);
      const sockets: net.Socket[] = [];
      try {
        // Each client reads the first bytes of the answer, then stops reading.
        const started = await Promise.all(
          Array.from(
            { length: 80 },
            () =>
              new Promise<string>((resolve, reject) => {
                const socket = net.connect(app.port, "127.0.0.1", () => socket.write(`GET ${href} HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\n\r\n`));
                sockets.push(socket);
                socket.once("data", (chunk: Buffer) => {
                  socket.pause();
                  resolve(chunk.toString("latin1").split("\r\n")[0]!);
                });
                socket.once("error", reject);
              }),
          ),
        );
        expect(new Set(started)).toEqual(new Set(["HTTP/1.1 200 OK"]));
        // The server sends what the sockets take, then waits: its memory stops growing.
        await memorySettled(app.pid);
        expect(peakRise(), "MB över minnet före nedladdningarna").toBeLessThan(50);
      } finally {
        for (const socket of sockets) socket.destroy();
      }
      // Still serving.
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    },
    60_000,
  );
});
