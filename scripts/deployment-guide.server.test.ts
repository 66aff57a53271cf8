// Follows docs/deployment.md's single-server section as written: the blocks marked
// `<!-- guide-test: … -->` are read from the guide itself and run as root, with a
// throwaway service user, folders below a temp folder and a free port in place of
// the guide's. The build step uses this checkout's build instead of `npm ci`.
// It checks what went wrong before: values the env file lost in `sh`, a database
// or uploads owned by root after the first start or a restore, backups others
// could read, and an upgrade whose symlink did not switch the release.
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { fakeSystemctl, guideBlocks, parseUnit, runAsRoot, startUnit, systemdEnvironmentFile, walk, type Started } from "../app/test/deployment-guide";
import { freePort } from "../app/test/free-port";
import { CONTACT_SENT_HREF } from "../app/utils/links";
import { buildExists } from "../app/test/route-manifest";

const ROOT = path.resolve(__dirname, "..");
const asRoot = process.platform === "linux" && process.getuid?.() === 0;
const pgRun = Boolean(process.env.TEST_PG_URL);
const reason = !asRoot
  ? "needs root on Linux (it creates a system user), as in CI"
  : pgRun
    ? "the guide's single-server section is SQLite; npm test runs it"
    : !buildExists()
      ? "needs the production build (npx remix build)"
      : "";
if (reason) console.log(`deployment-guide: skipped: ${reason}`);

const T = reason ? "" : fs.mkdtempSync("/tmp/kf-guide-");
const USER = `kfguide${process.pid}${crypto.randomBytes(2).toString("hex")}`.slice(0, 30);
let userCreated = false;
let service: Started | null = null;
let systemctl: { close: () => Promise<void> } | null = null;

afterAll(async () => {
  if (service && service.child.exitCode === null) {
    service.child.kill("SIGTERM");
    await service.exited;
  }
  await systemctl?.close();
  if (userCreated) execFileSync("userdel", [USER]);
  if (T) fs.rmSync(T, { recursive: true, force: true });
});

/** The guide's paths, user and port, moved into T. */
function localize(text: string, port: number): string {
  return text
    .replaceAll("/etc/kommunforum.env", `${T}/etc/kommunforum.env`)
    .replace(/(?<![\w.-])\/(opt|var\/lib|var\/backups)\/kommunforum/g, `${T}/$1/kommunforum`)
    .replace(/(?<![\w./@-])kommunforum(?![\w.@/-])/g, USER)
    .replaceAll("127.0.0.1:3000", `127.0.0.1:${port}`);
}

/**
 * This checkout's node_modules, for the releases to link to. Where the service
 * user cannot reach it (a checkout below a folder only root may enter), a copy
 * in T: hard links, so it takes no time and no space, or a plain copy.
 */
function nodeModules(): string {
  const own = path.join(ROOT, "node_modules");
  const probe = spawnSync("runuser", ["-u", USER, "--", "test", "-r", path.join(own, "better-sqlite3", "package.json")]);
  if (probe.status === 0) return own;
  const copy = path.join(T, "node_modules");
  if (spawnSync("cp", ["-al", own, copy]).status !== 0) {
    fs.rmSync(copy, { recursive: true, force: true });
    execFileSync("cp", ["-a", own, copy]);
  }
  return copy;
}

/** The release, as `npm ci && npm run build` leave it: this checkout's files and build, node_modules linked. */
function installRelease(dir: string, modules: string) {
  fs.mkdirSync(dir, { recursive: true });
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const f of [...files, "build", "public/build"]) {
    if (!fs.existsSync(path.join(ROOT, f))) continue;
    fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  }
  fs.symlinkSync(modules, path.join(dir, "node_modules"));
}

async function post(port: number, name: string) {
  const origin = `http://127.0.0.1:${port}`;
  const res = await fetch(`${origin}/kontakt`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ name, email: "drift@guide.example", subject: "ovrigt", body: "Ett meddelande.", consent: "on" }),
  });
  return { status: res.status, location: res.headers.get("location") };
}

describe.skipIf(Boolean(reason))("docs/deployment.md, single server, followed as written", () => {
  it("installs, starts, backs up and restores as the service user; writes still work", async () => {
    const started = performance.now();
    const port = await freePort();
    const blocks = guideBlocks(fs.readFileSync(path.join(ROOT, "docs", "deployment.md"), "utf8"));
    const block = (name: string) => {
      const text = blocks.get(name);
      if (!text) throw new Error(`docs/deployment.md has no block marked <!-- guide-test: ${name} -->`);
      return localize(text, port);
    };
    fs.chmodSync(T, 0o755);
    fs.mkdirSync(`${T}/etc`);
    fs.mkdirSync(`${T}/tmp`, { mode: 0o1777 });
    fs.chmodSync(`${T}/tmp`, 0o1777);
    const env = {
      PATH: `${T}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      HOME: "/root",
      LANG: "C.UTF-8",
      // Stands in for the unit's PrivateTmp=: whatever tools write to /tmp stays in T.
      TMPDIR: `${T}/tmp`,
    };
    const mainUnit = parseUnit(block("unit"));
    const backupUnit = parseUnit(block("backup-unit"));
    const healthy = async () => {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
        if (service?.child.exitCode !== null) throw new Error(`the service stopped:\n${service?.output()}`);
        if (
          await fetch(`http://127.0.0.1:${port}/healthz`).then(
            (r) => r.ok,
            () => false,
          )
        )
          return;
      }
      throw new Error(`no healthy answer:\n${service?.output()}`);
    };
    const stopService = async () => {
      if (!service || service.child.exitCode !== null) return;
      service.child.kill("SIGTERM");
      expect(await service.exited, service.output()).toBe(0);
    };
    systemctl = await fakeSystemctl(`${T}/bin`, async (args) => {
      const [verb, ...rest] = args.filter((a) => a !== "--now");
      const unit = rest[0] ?? "";
      const enableNow = verb === "enable" && args.includes("--now");
      if (verb === "daemon-reload" || (verb === "enable" && !enableNow)) return;
      if (unit === USER || unit === `${USER}.service`) {
        if (verb === "stop" || verb === "restart") await stopService();
        if (verb === "start" || verb === "restart" || enableNow) service = startUnit(mainUnit, { ...env, HOME: `${T}/var/lib/kommunforum` });
        return;
      }
      if (unit.endsWith("-backup.timer")) return; // the timer only starts the service below at 03:00
      if (unit.endsWith("-backup.service") && verb === "start") {
        const run = startUnit(backupUnit, { ...env, HOME: `${T}/var/lib/kommunforum` });
        if ((await run.exited) !== 0) throw new Error(run.output());
        return;
      }
      throw new Error(`the test does not know this systemctl call`);
    });
    const withServiceLog = (error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- the service's output:\n${service?.output() ?? "(not started)"}`);
    };
    const sh = (name: string) => runAsRoot(block(name), env, T).catch(withServiceLog);

    // Install: the user and the folders, then the release (this checkout) and its symlink.
    await sh("install");
    userCreated = true;
    const uid = Number(execFileSync("id", ["-u", USER], { encoding: "utf8" }).trim());
    const modules = nodeModules();
    const release = /^cd (\S+)$/m.exec(block("build"))![1]!;
    installRelease(release, modules);
    await sh("switch");

    // The env file, with the secrets filled in as the guide says and a mail relay that is not there.
    const envText = block("env-file")
      .replace(/<openssl rand -hex 32>/g, () => crypto.randomBytes(32).toString("hex"))
      .replace(/^SMTP_URL=.*$/m, `SMTP_URL='smtp://127.0.0.1:${await freePort()}'`)
      .replace(/^PORT=.*$/m, `PORT='${port}'`);
    const envFile = `${T}/etc/kommunforum.env`;
    fs.writeFileSync(envFile, envText);
    await sh("env-file-permissions");
    // Every variable arrives whole in `sh`, with the value systemd reads from the same file.
    const fromSh = await runAsRoot(
      `runuser -u ${USER} -- sh -c 'set -a; . ${envFile}; set +a; exec node -e "console.log(JSON.stringify(process.env))"'`,
      env,
      T,
    );
    const shEnv = JSON.parse(fromSh) as Record<string, string>;
    const expected = systemdEnvironmentFile(envText);
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(["MAIL_FROM", "ORGANIZER_NAME", "TRUST_PROXY", "SESSION_SECRET"]));
    for (const [key, value] of Object.entries(expected)) expect(shEnv[key], key).toBe(value);
    expect(shEnv.MAIL_FROM).toContain("<noreply@");

    // First start: migrate and reference data as the service user, then the unit.
    await sh("first-start");
    await sh("start");
    await healthy();
    const contact = await fetch(`http://127.0.0.1:${port}/kontakt`).then((r) => r.text());
    expect(contact.match(/<option/g)?.length ?? 0, "the contact form lists the municipalities").toBeGreaterThan(290);
    expect(await post(port, "Före kopian")).toEqual({ status: 302, location: CONTACT_SENT_HREF });

    // Backups: by hand and by the nightly unit, then a write the restore will undo.
    await sh("backup");
    // Backups are named to the second: the nightly one a second later, as it would be.
    await new Promise((r) => setTimeout(r, 1010 - (Date.now() % 1000)));
    await sh("backup-start");
    const backups = fs.readdirSync(`${T}/var/backups/kommunforum`).sort();
    expect(backups).toHaveLength(2);
    expect(await post(port, "Efter kopian")).toMatchObject({ status: 302 });

    // Restore the first backup (the guide's example name stands for it).
    await runAsRoot(block("restore").replace(/2026-11-29-030000/g, backups[0]!), env, T).catch(withServiceLog);
    await healthy();
    expect(await post(port, "Efter återställningen")).toEqual({ status: 302, location: CONTACT_SENT_HREF });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    // Upgrade: a second release folder, the symlink switched, the service runs from there.
    const next = /ln -sfn (\S+) /.exec(block("upgrade"))![1]!;
    installRelease(next, modules);
    await runAsRoot(block("upgrade"), env, T).catch(withServiceLog);
    await healthy();
    expect(fs.realpathSync(`/proc/${service!.child.pid}/cwd`)).toBe(fs.realpathSync(next));
    await stopService();

    // Everything in the data and backup folders is the service user's; backups are its alone.
    const owned = [...walk(`${T}/var/lib/kommunforum`), ...walk(`${T}/var/backups/kommunforum`)];
    expect(owned.filter((f) => f.stat.uid !== uid).map((f) => f.file)).toEqual([]);
    const readable = walk(`${T}/var/backups/kommunforum`).filter((f) => !f.stat.isSymbolicLink() && (f.stat.mode & 0o007) !== 0);
    expect(readable.map((f) => `${f.file} ${(f.stat.mode & 0o777).toString(8)}`)).toEqual([]);

    // The restored database has the message from before the backup, not the one after, and the new one.
    const db = new Database(`${T}/var/lib/kommunforum/kommunforum.db`, { readonly: true });
    const names = (db.prepare(`SELECT name FROM "ContactMessage" ORDER BY createdAt`).all() as { name: string }[]).map((r) => r.name);
    db.close();
    expect(names).toEqual(["Före kopian", "Efter återställningen"]);
    console.log(`deployment guide followed in ${Math.round(performance.now() - started)} ms`);
  }, 120_000);
});
