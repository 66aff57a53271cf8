// The PostgreSQL poll bus (LISTEN/NOTIFY between instances), on `npm run test:pg`:
// two buses in this process stand for two instances on one database.
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createPostgresBus, type PollBus } from "./poll-bus.server";

const pgRun = Boolean(process.env.TEST_PG_URL);
const buses: PollBus[] = [];
const servers: net.Server[] = [];

/** A TCP proxy to the test database that refuses connections until opened. */
async function gate(target: URL) {
  let open = false;
  const server = net.createServer((socket) => {
    if (!open) return socket.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    socket.pipe(upstream).pipe(socket);
    const end = () => (socket.destroy(), upstream.destroy());
    socket.on("error", end);
    upstream.on("error", end);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as net.AddressInfo).port);
  return { url: url.toString(), open: () => void (open = true) };
}

async function until(what: string, check: () => boolean, ms: number) {
  for (const deadline = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe.skipIf(!pgRun)("poll bus on PostgreSQL", () => {
  it("a change published on one instance reaches a subscriber on another once listening() has resolved", async () => {
    const a = createPostgresBus(process.env.DATABASE_URL!);
    const b = createPostgresBus(process.env.DATABASE_URL!);
    buses.push(a, b);
    let heard = 0;
    let other = 0;
    b.subscribe("poll-1", () => heard++);
    b.subscribe("poll-2", () => other++);
    await b.listening();
    await until("the catch-up reload of the first connect", () => heard === 1 && other === 1, 1_000);
    a.publish("poll-1");
    await until("the notification from the other instance", () => heard === 2, 5_000);
    // Only the changed poll's subscribers reload.
    expect(other).toBe(1);
  });

  it("a NOTIFY that failed because the database was unreachable is sent after the reconnect", async () => {
    const { url, open } = await gate(new URL(process.env.DATABASE_URL!));
    const a = createPostgresBus(url);
    const b = createPostgresBus(process.env.DATABASE_URL!);
    buses.push(a, b);
    let heard = 0;
    b.subscribe("poll-1", () => heard++);
    await b.listening();
    await until("the catch-up reload of the first connect", () => heard === 1, 1_000);

    a.publish("poll-1"); // A cannot connect: the NOTIFY fails and waits.
    // That it does not arrive yet is what is tested: no event to wait for, so give it time to.
    await new Promise((r) => setTimeout(r, 400));
    expect(heard).toBe(1);
    open();
    await until("the NOTIFY sent after A reconnected", () => heard === 2, 10_000);
  });
});
