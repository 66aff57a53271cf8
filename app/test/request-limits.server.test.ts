// Request bodies and slow clients against the production server: a body over its
// path's limit is refused with 413 while it streams in, without filling the
// server's memory, and clients that send headers or bodies too slowly are cut off.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_REFUSED } from "~/utils/body-limit.server";
import { startAppServer, type AppServer } from "./app-server";
import { canMeasureMemory, measurePeakRise } from "./process-memory";
import { buildExists } from "./route-manifest";

const MB = 1024 * 1024;
let app: AppServer;

type RawResult = { status: number; body: string; sent: number; closedByServer: boolean };

/**
 * A POST over a raw socket: `total` bytes of body in 1 MB blocks (chunked, or
 * under a declared Content-Length), sent as fast as the socket takes them,
 * stopping as soon as an answer has arrived.
 */
function rawPost(path: string, { declared, total, chunked = false }: { declared?: number; total: number; chunked?: boolean }): Promise<RawResult> {
  return new Promise((resolve) => {
    const socket = net.connect(app.port, "127.0.0.1");
    let received = Buffer.alloc(0);
    let sent = 0;
    let answered = false;
    let done = false;
    const block = Buffer.alloc(Math.min(MB, total), "a");
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const text = received.toString("utf8");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf("\r\n\r\n") + 4), sent, closedByServer });
      socket.destroy();
    };
    const timer = setTimeout(() => finish(false), 30_000);
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const text = received.toString("utf8");
      const headEnd = text.indexOf("\r\n\r\n");
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(text)?.[1] ?? -1);
      if (headEnd >= 0 && length >= 0 && received.length >= Buffer.byteLength(text.slice(0, headEnd + 4)) + length) {
        answered = true;
        finish(false);
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => finish(true));
    socket.write(
      [
        `POST ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${app.port}`,
        "Content-Type: application/x-www-form-urlencoded",
        chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${declared ?? total}`,
        "",
        "",
      ].join("\r\n"),
    );
    const frame = chunked ? Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from("\r\n")]) : block;
    const pump = () => {
      while (!answered && !done && sent < total) {
        sent += block.length;
        if (!socket.write(frame)) return void socket.once("drain", pump);
      }
      if (!answered && !done && chunked) socket.write("0\r\n\r\n");
    };
    pump();
  });
}

describe.skipIf(!buildExists())("request bodies and slow clients (production build)", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "request-limits" });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("refuses a login body over a few KB with 413 and a Swedish message, declared or streamed, without reading it all", async () => {
    const declared = await rawPost("/logga-in?index", { declared: 100 * MB, total: 100 * MB });
    expect(declared.status).toBe(413);
    expect(declared.body).toBe(BODY_REFUSED[413]);
    expect(declared.sent).toBeLessThan(100 * MB);

    const streamed = await rawPost("/logga-in?index", { total: 100 * MB, chunked: true });
    expect(streamed.status).toBe(413);
    expect(streamed.body).toBe(BODY_REFUSED[413]);
    expect(streamed.sent).toBeLessThan(100 * MB);
  });

  it("gives each path its own limit: 20 KB is too much for the login form, not for the contact form", async () => {
    const body = (bytes: number) => `email=a%40b.se&password=${"x".repeat(bytes)}`;
    const post = (path: string, text: string) =>
      fetch(`${app.url}${path}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: text });
    expect((await post("/logga-in?index", body(20 * 1024))).status).toBe(413);
    expect((await post("/logga-in?index", body(2 * 1024))).status).toBe(400);
    const contact = await post("/kontakt", `name=x&email=a%40b.se&subject=ovrigt&body=${"x".repeat(20 * 1024)}`);
    expect(contact.status).toBe(400);
    expect(await contact.text()).toContain("högst 5 000 tecken");
    expect((await post("/kontakt", `body=${"x".repeat(300 * 1024)}`)).status).toBe(413);
  });

  it.skipIf(!canMeasureMemory())(
    "ten 100 MB posts declared and ten streamed, all at once, raise the server's memory by less than 50 MB",
    async () => {
      // Warm up the login route first: its first request loads code and opens the database.
      await rawPost("/logga-in?index", { declared: 16, total: 16 });
      const peakRise = measurePeakRise(app.pid);
      const results = await Promise.all([
        ...Array.from({ length: 10 }, () => rawPost("/logga-in?index", { declared: 100 * MB, total: 100 * MB })),
        ...Array.from({ length: 10 }, () => rawPost("/logga-in?index", { total: 100 * MB, chunked: true })),
      ]);
      expect(
        results.map((r) => r.status),
        JSON.stringify(results.filter((r) => r.status !== 413)),
      ).toEqual(Array(20).fill(413));
      expect(peakRise(), "MB över minnet före förfrågningarna").toBeLessThan(50);
    },
    60_000,
  );

  it("closes 250 sockets that send headers too slowly and 250 that send a body too slowly, and keeps serving others", async () => {
    const started = Date.now();
    const slow = (kind: "headers" | "body") =>
      new Promise<{ closedAfterMs: number; answer: string }>((resolve) => {
        const socket = net.connect(app.port, "127.0.0.1");
        let answer = "";
        socket.on("data", (c: Buffer) => (answer += c.toString("utf8")));
        socket.on("error", () => {});
        // One byte every two seconds, for as long as the server listens.
        const drip = setInterval(() => socket.write(kind === "headers" ? "a" : "x"), 2_000);
        socket.on("close", () => {
          clearInterval(drip);
          resolve({ closedAfterMs: Date.now() - started, answer });
        });
        socket.write(
          kind === "headers"
            ? `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `
            : `POST /logga-in?index HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=`,
        );
      });
    const sockets = [...Array.from({ length: 250 }, () => slow("headers")), ...Array.from({ length: 250 }, () => slow("body"))];
    // The server still answers everyone else meanwhile.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const closed = await Promise.race([Promise.all(sockets), new Promise<null>((r) => setTimeout(() => r(null), 40_000))]);
    expect(closed, "slow sockets were still open after 40 s").not.toBeNull();
    const [headers, bodies] = [closed!.slice(0, 250), closed!.slice(250)];
    // Headers: 10 s (headersTimeout, checked every second); a login body: 15 s (its budget).
    expect(Math.max(...headers.map((s) => s.closedAfterMs))).toBeLessThan(20_000);
    expect(Math.max(...bodies.map((s) => s.closedAfterMs))).toBeLessThan(25_000);
    for (const s of bodies) {
      expect(s.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(s.answer).toContain(BODY_REFUSED[408]);
    }
  }, 60_000);
});
