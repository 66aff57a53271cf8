// The online backup is consistent while the production server takes writes, and a
// restore into a fresh place has every seat claim (a visitor confirming a pending
// registration) acknowledged before the backup started, plus the uploads. Restoring over a database a server has open is refused.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../app/test/app-server";
import { buildExists } from "../app/test/route-manifest";
import { backup, BACKUP_DB_NAME, BACKUP_UPLOADS_NAME, MANIFEST_NAME, restore, verifyDatabase, type Manifest } from "./sqlite-backup";

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(ROOT, ".tmp", `backup-test-${process.pid}`);
const MIGRATIONS = path.join(ROOT, "prisma", "migrations");
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

let app: AppServer;
const dataDir = path.join(ROOT, ".tmp", `backup-test-${process.pid}-data`);

function createEvent(dbFile: string, slug: string): string {
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 5000");
  const id = `bk${crypto.randomBytes(8).toString("hex")}`;
  const startsAt = new Date(Date.now() + 14 * 24 * 3600_000);
  const now = iso(new Date());
  db.prepare(
    `INSERT INTO "Event" (id, slug, title, startsAt, endsAt, capacity, seatsTaken, status, joinUrl, createdAt, updatedAt)
     VALUES (?, ?, 'Säkerhetskopieringstest', ?, ?, 100000, 0, 'published', 'https://meet.example/bk', ?, ?)`,
  ).run(id, slug, iso(startsAt), iso(new Date(+startsAt + 90 * 60_000)), now, now);
  // Visitors' registrations wait for the link in their mail; the stream presses those links.
  const insert = db.prepare(
    `INSERT INTO "Registration" (id, eventId, email, name, status, confirmTokenHash, pendingUntil, consentedAt, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)`,
  );
  const until = iso(new Date(Date.now() + 24 * 3600_000));
  for (let i = 0; i < PENDING; i++) insert.run(`${id}r${i}`, id, emailOf(i), `Deltagare ${i}`, sha256(tokenOf(i)), until, now, now, now);
  db.close();
  return id;
}

const PENDING = 2000;
const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
const tokenOf = (i: number) => `backup-token-${i}-${"x".repeat(20)}`;
const emailOf = (i: number) => `bk${i}@backup.example`;

/** Addresses whose confirmation holds a seat. */
function emailsIn(dbFile: string, eventId: string): Set<string> {
  const db = new Database(dbFile, { readonly: true });
  const rows = db.prepare(`SELECT email FROM "Registration" WHERE eventId = ? AND status = 'confirmed'`).all(eventId) as { email: string }[];
  db.close();
  return new Set(rows.map((r) => r.email));
}

// db:backup/db:restore are SQLite's backup API on the server's database file: a
// PostgreSQL run (npm run test:pg) has no such file and backs up with pg_dump and
// pg_restore instead (docs/deployment.md), so there is nothing for this file to test there.
const pgRun = Boolean(process.env.TEST_PG_URL);

describe.skipIf(pgRun || !buildExists())("db:backup and db:restore (SQLite, production server)", () => {
  beforeAll(async () => {
    fs.rmSync(WORK, { recursive: true, force: true });
    fs.mkdirSync(WORK, { recursive: true });
    app = await startAppServer({ name: `backup-test`, env: { TRUST_PROXY: "1", DATA_DIR: dataDir } });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    fs.rmSync(WORK, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("backs up during a stream of seat claims; the restore has every one acknowledged before the backup began", async () => {
    const slug = "sakerhetskopia";
    const eventId = createEvent(app.dbFile, slug);
    // An uploaded slide file, as storeUpload() leaves it.
    const uploads = path.join(dataDir, "uploads");
    fs.mkdirSync(uploads, { recursive: true });
    const uploadName = `${crypto.randomBytes(16).toString("hex")}.pdf`;
    const uploadBytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), crypto.randomBytes(64 * 1024)]);
    fs.writeFileSync(path.join(uploads, uploadName), uploadBytes);

    const acked: { email: string; at: number }[] = [];
    const failures: string[] = [];
    let n = 0;
    let writing = true;
    // Resolves once `count` registrations are acknowledged (or at the deadline).
    let onAck = () => {};
    const ackedReach = (count: number, timeoutMs: number) =>
      new Promise<void>((resolve) => {
        const deadline = setTimeout(resolve, timeoutMs);
        onAck = () => acked.length >= count && (clearTimeout(deadline), resolve());
        onAck();
      });
    const writer = async () => {
      while (writing && n < PENDING) {
        const i = n++;
        const email = emailOf(i);
        const res = await fetch(`${app.url}/forum/bekrafta`, {
          method: "POST",
          redirect: "manual",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Origin: app.url,
            "X-Forwarded-For": `10.9.${(i >> 8) & 255}.${i & 255}`,
          },
          body: new URLSearchParams({ token: tokenOf(i) }),
        });
        // Taken as acknowledged once the success answer is in hand.
        if (res.status === 302) {
          acked.push({ email, at: performance.now() });
          onAck();
        } else failures.push(`${res.status} ${(await res.text()).slice(0, 200)}`);
      }
    };
    const writers = Array.from({ length: 6 }, writer);
    // Back up once a good number are in, with more on the way.
    await ackedReach(30, 60_000);

    const target = path.join(WORK, "kopia");
    // `npm run db:backup` in its own process, as an operator would run it beside the server.
    const started = performance.now();
    const cli = await new Promise<{ code: number | null; out: string }>((resolve) => {
      let out = "";
      const child = spawn("npx", ["tsx", "scripts/db-backup.ts", target], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: `file:${app.dbFile}`, DATA_DIR: dataDir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      child.stderr.on("data", (c: Buffer) => (out += c.toString()));
      child.once("exit", (code) => resolve({ code, out }));
    });
    const ended = performance.now();
    expect(cli.code, cli.out).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(target, MANIFEST_NAME), "utf8")) as Manifest;
    // Writes go on after the backup: the site kept serving.
    const ackedBeforeEnd = acked.length;
    await ackedReach(ackedBeforeEnd + 10, 30_000);
    writing = false;
    await Promise.all(writers);

    expect(failures, app.errorLines()).toEqual([]);
    const before = acked.filter((a) => a.at < started);
    const during = acked.filter((a) => a.at >= started && a.at <= ended);
    console.log(
      `backup: ${manifest.ms} ms in the backup process (${Math.round(ended - started)} ms with process start), ${manifest.databaseBytes} bytes; ` +
        `${before.length} registreringar före, ${during.length} under, ${acked.length - ackedBeforeEnd} efter`,
    );
    // (30 normally; at least 10 on a machine so loaded that 30 take over a minute)
    expect(before.length).toBeGreaterThanOrEqual(10);
    // The server answered writes while the backup process ran.
    expect(during.length).toBeGreaterThan(0);
    expect(acked.length).toBeGreaterThan(ackedBeforeEnd);
    expect(manifest.uploads).toBe(1);
    expect(verifyDatabase(path.join(target, BACKUP_DB_NAME)).ok).toBe(true);

    // Restoring over the database the running server has open is refused.
    expect(() => restore({ source: target, dbFile: app.dbFile, uploadsDir: uploads, migrationsDir: MIGRATIONS })).toThrow(/används av process/);

    // Restore into a fresh place.
    const freshDb = path.join(WORK, "ny", "kommunforum.db");
    const freshUploads = path.join(WORK, "ny", "uploads");
    const result = restore({ source: target, dbFile: freshDb, uploadsDir: freshUploads, migrationsDir: MIGRATIONS });
    expect(result.pendingMigrations).toEqual([]);
    expect(result.uploads).toBe(1);
    expect(verifyDatabase(freshDb)).toMatchObject({ ok: true });

    const restored = emailsIn(freshDb, eventId);
    const missing = before.filter((a) => !restored.has(a.email));
    expect(missing).toEqual([]);
    // The live database has every acknowledged row, and more than the snapshot.
    const live = emailsIn(app.dbFile, eventId);
    expect(acked.filter((a) => !live.has(a.email))).toEqual([]);
    expect(restored.size).toBeLessThan(live.size);
    // The restored counter agrees with the restored rows (one consistent snapshot).
    const db = new Database(freshDb, { readonly: true });
    const { seatsTaken } = db.prepare(`SELECT seatsTaken FROM "Event" WHERE id = ?`).get(eventId) as { seatsTaken: number };
    db.close();
    expect(seatsTaken).toBe(restored.size);
    expect(fs.readFileSync(path.join(freshUploads, uploadName)).equals(uploadBytes)).toBe(true);
  }, 180_000);

  it("refuses a file that is not a Kommunforum database, and a backup whose database was altered", () => {
    const notDb = path.join(WORK, "inte-en-databas.db");
    fs.writeFileSync(notDb, "hej");
    const target = path.join(WORK, "mal.db");
    expect(() => restore({ source: notDb, dbFile: target, uploadsDir: path.join(WORK, "u"), migrationsDir: MIGRATIONS })).toThrow(/kan inte återställas/);

    const otherDb = path.join(WORK, "annan.db");
    const db = new Database(otherDb);
    db.exec("CREATE TABLE Notes (id INTEGER PRIMARY KEY)");
    db.close();
    expect(() => restore({ source: otherDb, dbFile: target, uploadsDir: path.join(WORK, "u"), migrationsDir: MIGRATIONS })).toThrow(
      /ingen Kommunforum-databas/,
    );
    expect(fs.existsSync(target)).toBe(false);

    const copy = path.join(WORK, "kopia");
    fs.appendFileSync(path.join(copy, BACKUP_DB_NAME), Buffer.alloc(4096));
    expect(() => restore({ source: copy, dbFile: target, uploadsDir: path.join(WORK, "u"), migrationsDir: MIGRATIONS })).toThrow(/kontrollsumman/);
  });

  it("stops without touching the old database when the uploads cannot be restored; as root, restored files get the data folder's owner", async () => {
    const place = path.join(WORK, "ordning");
    const dbFile = path.join(place, "kommunforum.db");
    const uploadsDir = path.join(place, "uploads");
    fs.mkdirSync(uploadsDir, { recursive: true });
    fs.copyFileSync(path.join(ROOT, ".tmp", "test-template.db"), dbFile);
    const countiesIn = (file: string) => {
      const db = new Database(file, { readonly: true });
      const rows = db.prepare(`SELECT code FROM "County"`).all() as { code: string }[];
      db.close();
      return rows.map((r) => r.code);
    };
    // The backup: the migrated template, no rows yet.
    const copy = path.join(WORK, "ordning-kopia");
    await backup({ dbFile, uploadsDir, target: copy });
    // Only its owner may read a backup (password hashes, TOTP secrets), whatever the umask.
    for (const f of [copy, path.join(copy, BACKUP_DB_NAME), path.join(copy, MANIFEST_NAME), path.join(copy, BACKUP_UPLOADS_NAME)]) {
      expect(fs.statSync(f).mode & 0o077, f).toBe(0);
    }
    // The live database has moved on since, and has an upload.
    const db = new Database(dbFile);
    db.prepare(`INSERT INTO "County" (code, name, shortName) VALUES ('99', 'Gamla län', 'Gamla')`).run();
    db.close();
    fs.writeFileSync(path.join(uploadsDir, "gammal.pdf"), "%PDF-1.7 gammal");

    // A damaged backup: its uploads folder is a file, so copying the uploads fails.
    fs.rmSync(path.join(copy, BACKUP_UPLOADS_NAME), { recursive: true });
    fs.writeFileSync(path.join(copy, BACKUP_UPLOADS_NAME), "ingen mapp");
    expect(() => restore({ source: copy, dbFile, uploadsDir, migrationsDir: MIGRATIONS })).toThrow(/Inget ändrades/);
    expect(countiesIn(dbFile)).toEqual(["99"]);
    expect(fs.readdirSync(uploadsDir)).toEqual(["gammal.pdf"]);
    expect(fs.readdirSync(place).sort()).toEqual(["kommunforum.db", "uploads"]);

    // Repaired, it restores; run as root into a folder the service user owns, the
    // files it puts in place are the service user's (here: nobody, 65534).
    fs.rmSync(path.join(copy, BACKUP_UPLOADS_NAME));
    fs.mkdirSync(path.join(copy, BACKUP_UPLOADS_NAME));
    fs.writeFileSync(path.join(copy, BACKUP_UPLOADS_NAME, "ny.pdf"), "%PDF-1.7 ny");
    const asRoot = process.getuid?.() === 0;
    if (asRoot) fs.chownSync(place, 65534, 65534);
    const result = restore({ source: copy, dbFile, uploadsDir, migrationsDir: MIGRATIONS });
    expect(countiesIn(dbFile)).toEqual([]);
    expect(fs.readdirSync(uploadsDir)).toEqual(["ny.pdf"]);
    expect(fs.readdirSync(result.previousUploads!)).toEqual(["gammal.pdf"]);
    expect(countiesIn(result.previousDatabase!)).toEqual(["99"]);
    if (asRoot) {
      for (const f of [dbFile, uploadsDir, path.join(uploadsDir, "ny.pdf")]) expect(fs.statSync(f).uid, f).toBe(65534);
    }
  });
});
