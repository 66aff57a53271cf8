// The production start (node server.js): which client IP the rate limits see,
// with and without TRUST_PROXY; the JSON request log; and a graceful SIGTERM
// that lets a request in flight finish before the process exits.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import { rateLimitKey } from "~/models/rate-limit.server";
import { startAppServer, type AppServer } from "./app-server";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

const servers: AppServer[] = [];

/** POST to /glomt-losenord, limited to 5 per hour and client IP (checked before anything else). */
function forgotPassword(app: AppServer, forwardedFor?: string) {
  return fetch(`${app.url}/glomt-losenord`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: app.url,
      ...(forwardedFor ? { "X-Forwarded-For": forwardedFor } : {}),
    },
    body: new URLSearchParams({ email: "ingen@proxytest.example" }),
  }).then((r) => r.status);
}

/** The server's database, SQLite or PostgreSQL (npm run test:pg). */
async function rateLimitKeys(app: AppServer): Promise<string[]> {
  const rows = await testQuery<{ key: string }>(app.databaseUrl, `SELECT "key" FROM "RateLimit" WHERE "key" LIKE 'resetIp:%'`);
  return rows.map((r) => r.key);
}

function logLines(app: AppServer): Record<string, unknown>[] {
  return app
    .log()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The line is written when the response has finished, which can be just after the client has it. */
async function findLogLine(app: AppServer, match: (l: Record<string, unknown>) => boolean) {
  await expect.poll(() => logLines(app).some(match), { timeout: 5_000 }).toBe(true);
  return logLines(app).find(match);
}

describe.skipIf(!buildExists())("production server", () => {
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it("without TRUST_PROXY, X-Forwarded-For is ignored: every request counts against the socket address", async () => {
    const app = await startAppServer({ name: "proxy-off" });
    servers.push(app);
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) statuses.push(await forgotPassword(app, `198.51.100.${i}`));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await rateLimitKeys(app)).toEqual([rateLimitKey("resetIp", "127.0.0.1")]);
    // The request log line: JSON with a request id, timing and the address used.
    const line = await findLogLine(app, (l) => l.msg === "request" && l.path === "/glomt-losenord");
    expect(line).toMatchObject({ level: "info", method: "POST", status: 200, ip: "127.0.0.1" });
    expect(line?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof line?.ms).toBe("number");
  }, 90_000);

  it("with TRUST_PROXY=1, the address the proxy appended is the client: limits are per client, a forged first entry is ignored", async () => {
    const app = await startAppServer({ name: "proxy-on", env: { TRUST_PROXY: "1" } });
    servers.push(app);
    const different: number[] = [];
    for (let i = 1; i <= 6; i++) different.push(await forgotPassword(app, `198.51.100.${i}`));
    expect(different).toEqual([200, 200, 200, 200, 200, 200]);

    // One client behind the proxy, trying to vary a forged left-hand entry: still one subject.
    const same: number[] = [];
    for (let i = 1; i <= 6; i++) same.push(await forgotPassword(app, `10.66.0.${i}, 203.0.113.9`));
    expect(same).toEqual([200, 200, 200, 200, 200, 429]);

    const keys = await rateLimitKeys(app);
    expect(keys).toContain(rateLimitKey("resetIp", "203.0.113.9"));
    expect(keys).toContain(rateLimitKey("resetIp", "198.51.100.1"));
    expect(keys).not.toContain(rateLimitKey("resetIp", "127.0.0.1"));
    expect(keys).not.toContain(rateLimitKey("resetIp", "10.66.0.1"));
    const line = await findLogLine(app, (l) => l.msg === "request" && l.path === "/glomt-losenord" && l.status === 429);
    expect(line?.ip).toBe("203.0.113.9");
  }, 90_000);

  it("SIGTERM: new connections are refused, the request in flight finishes, then the process exits 0", async () => {
    const app = await startAppServer({ name: "graceful" });
    servers.push(app);
    const body = new URLSearchParams({ email: "langsam@graceful.example" }).toString();
    const half = Math.floor(body.length / 2);

    // A slow client: headers and half the body now, the rest after the SIGTERM.
    let responseStatus = 0;
    let responseBody = "";
    const req = http.request(`${app.url}/glomt-losenord`, {
      method: "POST",
      // Expect: 100-continue makes the server say when it has the request: the "continue" event below.
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(body.length), Origin: app.url, Expect: "100-continue" },
    });
    const inServer = new Promise<void>((resolve) => req.once("continue", resolve));
    const answered = new Promise<void>((resolve, reject) => {
      req.on("response", (res) => {
        responseStatus = res.statusCode ?? 0;
        res.on("data", (c: Buffer) => (responseBody += c.toString()));
        res.on("end", () => resolve());
      });
      req.on("error", reject);
    });
    req.flushHeaders();
    // The request is in the server (the action waits for its body) before the signal.
    await inServer;
    req.write(body.slice(0, half));

    process.kill(app.pid, "SIGTERM");
    // It stops taking new connections…
    await expect
      .poll(
        () =>
          fetch(`${app.url}/healthz`).then(
            () => "open",
            () => "closed",
          ),
        { timeout: 5_000 },
      )
      .toBe("closed");
    // …but is still running: it waits for us.
    expect(() => process.kill(app.pid, 0)).not.toThrow();

    req.end(body.slice(half));
    await answered;
    expect(responseStatus).toBe(200);
    expect(responseBody).toContain("Om adressen har ett konto");
    const answeredAt = performance.now();
    expect(await app.exited).toBe(0);
    // Not held open by the idle keep-alive connection, nor by the 10 s emergency exit.
    expect(performance.now() - answeredAt).toBeLessThan(4_000);
    expect(app.log()).toContain("SIGTERM: stänger ner");
  }, 90_000);

  it("SIGTERM while the outbox sender is delivering: the batch finishes and is recorded as sent before the exit", async () => {
    // A slow mail server: it takes two seconds to accept each message.
    const received: string[] = [];
    let firstData!: () => void;
    const dataStarted = new Promise<void>((r) => (firstData = r));
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      disableReverseLookup: true,
      logger: false,
      onData(stream, session, callback) {
        firstData();
        stream.resume();
        stream.on("end", () =>
          setTimeout(() => {
            received.push(session.envelope.rcptTo.map((r) => r.address).join(","));
            callback();
          }, 2000),
        );
      },
    });
    await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    try {
      const app = await startAppServer({
        name: "graceful-outbox",
        env: { RUN_JOBS: "1", SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, ORGANIZER_EMAIL: "arrangor@graceful.example" },
      });
      servers.push(app);
      // A contact message puts two mails in the outbox (receipt and notice) and wakes the sender.
      const res = await fetch(`${app.url}/kontakt`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
        body: new URLSearchParams({ name: "Stina Stängning", email: "stina@graceful.example", subject: "ovrigt", body: "Hej!", consent: "on" }),
      });
      expect(res.status, app.errorLines()).toBe(302);
      await dataStarted;
      process.kill(app.pid, "SIGTERM");
      expect(await app.exited).toBe(0);

      expect(received.sort()).toEqual(["arrangor@graceful.example", "stina@graceful.example"]);
      const rows = await testQuery(app.databaseUrl, `SELECT "toAddress", "status" FROM "OutboxEmail" ORDER BY "toAddress"`);
      expect(rows).toEqual([
        { toAddress: "arrangor@graceful.example", status: "sent" },
        { toAddress: "stina@graceful.example", status: "sent" },
      ]);
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  }, 90_000);
});
