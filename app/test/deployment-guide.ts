// Reads docs/deployment.md's marked command blocks and runs them the way an
// operator would, for scripts/deployment-guide.server.test.ts. A block is marked
// with `<!-- guide-test: NAME -->` on the line before its fence. Commands run as
// root in `sh`; `systemctl` is a stand-in that starts and stops the units the
// guide describes (User=, UMask=, EnvironmentFile=, ExecStartPre=, ExecStart=),
// since the test cannot rely on a running systemd.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

/** `NAME` → the block's text, its indentation removed. */
export function guideBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>();
  const marker = /^[ \t]*<!-- guide-test: ([\w-]+) -->\n([ \t]*)```[^\n]*\n([\s\S]*?)\n[ \t]*```/gm;
  for (const m of markdown.matchAll(marker)) {
    const indent = m[2]!.length;
    blocks.set(
      m[1]!,
      m[3]!
        .split("\n")
        .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
        .join("\n"),
    );
  }
  return blocks;
}

/** An environment file read as systemd reads it: KEY=VALUE lines, one pair of quotes stripped. */
export function systemdEnvironmentFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m || /^\s*[#;]/.test(line)) continue;
    const raw = m[2]!.trim();
    vars[m[1]!] = /^(['"]).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
  }
  return vars;
}

export type Unit = { settings: Map<string, string[]>; get: (key: string) => string | undefined };

export function parseUnit(text: string): Unit {
  const settings = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    // An empty assignment resets a list, as in systemd.
    settings.set(m[1]!, m[2] === "" ? [] : [...(settings.get(m[1]!) ?? []), m[2]!]);
  }
  return { settings, get: (key) => settings.get(key)?.at(-1) };
}

export type Started = { child: ChildProcess; exited: Promise<number | null>; output: () => string };

/**
 * Starts a unit as systemd would: a clean environment with the EnvironmentFile's
 * variables (then Environment=), as User=/Group= with UMask=, in WorkingDirectory=,
 * ExecStartPre= lines first, then ExecStart= in the same process (setpriv and
 * `exec` keep one PID). `%%` becomes `%`.
 */
export function startUnit(unit: Unit, base: Record<string, string>): Started {
  const user = unit.get("User")!;
  const env: Record<string, string> = { ...base, USER: user, LOGNAME: user };
  const envFile = unit.get("EnvironmentFile");
  if (envFile) Object.assign(env, systemdEnvironmentFile(fs.readFileSync(envFile.replace(/^-/, ""), "utf8")));
  for (const assignment of unit.settings.get("Environment") ?? []) {
    const [key, ...rest] = assignment.split("=");
    env[key!] = rest.join("=");
  }
  const exec = (line: string) => line.replace(/%%/g, "%");
  const script = [
    `umask ${unit.get("UMask") ?? "0022"}`,
    `cd '${unit.get("WorkingDirectory")}'`,
    ...(unit.settings.get("ExecStartPre") ?? []).map(exec),
    `exec ${exec(unit.get("ExecStart")!)}`,
  ].join("\n");
  let output = "";
  const child = spawn("setpriv", [`--reuid=${user}`, `--regid=${unit.get("Group") ?? user}`, "--init-groups", "sh", "-ec", script], {
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (c: Buffer) => (output = (output + c.toString()).slice(-100_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/**
 * A `systemctl` for the guide's blocks: a small script first in PATH that hands
 * its arguments to `handle` in this process (over a local HTTP port) and exits
 * with 0 when it resolves, 1 with the message when it throws.
 */
export async function fakeSystemctl(binDir: string, handle: (args: string[]) => Promise<void>): Promise<{ close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const args = JSON.parse(decodeURIComponent(new URL(req.url!, "http://x").searchParams.get("args") ?? "[]")) as string[];
    handle(args).then(
      () => res.end("ok"),
      (error: unknown) => {
        res.statusCode = 500;
        res.end(`systemctl ${args.join(" ")}: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  fs.mkdirSync(binDir, { recursive: true });
  const shim = path.join(binDir, "systemctl");
  fs.writeFileSync(
    shim,
    `#!${process.execPath}\n` +
      `const args = encodeURIComponent(JSON.stringify(process.argv.slice(2)));\n` +
      `fetch("http://127.0.0.1:${port}/?args=" + args).then(async (r) => { const t = await r.text(); if (!r.ok) { console.error(t); process.exit(1); } });\n`,
    { mode: 0o755 },
  );
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Runs shell text as root; resolves with its output, rejects with it on a non-zero exit. */
export function runAsRoot(script: string, env: Record<string, string>, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const child = spawn("sh", ["-ec", script], { env: env as NodeJS.ProcessEnv, cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`sh exited with ${code}:\n${script}\n---\n${output}`))));
  });
}

/** Every file and folder below dir (dir itself included), with lstat. */
export function walk(dir: string): { file: string; stat: fs.Stats }[] {
  const out = [{ file: dir, stat: fs.lstatSync(dir) }];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else out.push({ file: p, stat: fs.lstatSync(p) });
  }
  return out;
}
