// What the rolling restart in docs/deployment.md costs behind nginx: two instances
// on one PostgreSQL database, nginx with the guide's upstream block, steady load
// through nginx (GETs of the home page and form posts), and the two instances
// restarted one after the other as the guide says (SIGTERM, start again, wait for
// /healthz, then wait `wait` seconds more). Prints the failed answers (5xx or no
// answer) per second. Needs an nginx binary: NGINX_BIN=/path (default /usr/sbin/nginx).
//   npx tsx scripts/bench/rolling-restart.ts [fail_timeout s (5)] [wait after /healthz s (6)]
// The guide before the fix: `… rolling-restart.ts 10 0`.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DATA_DIR, TMP, log, sleep } from "./config";
import { preparePostgres } from "./postgres-db";
import { cleanUp, freePort, onCleanup, startProcess, stopProcess } from "./processes";

const failTimeout = Number(process.argv[2] ?? 5);
const wait = Number(process.argv[3] ?? 6);
const NGINX = process.env.NGINX_BIN ?? "/usr/sbin/nginx";

function nginxConfig(dir: string, listen: number, ports: number[]) {
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${dir}/${t};`).join("\n  ");
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${temp}
  upstream kommunforum {
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=${failTimeout}s;`).join("\n")}
    keepalive 32;
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${listen};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Request-Id $request_id;
    location / {
      proxy_pass http://kommunforum;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
`;
}

async function main() {
  if (!fs.existsSync(NGINX)) throw new Error(`No nginx at ${NGINX}: apt-get install nginx, or NGINX_BIN=/path/to/nginx.`);
  const db = await preparePostgres();
  if ("skipped" in db) throw new Error(db.skipped);
  const secrets = { SESSION_SECRET: crypto.randomBytes(32).toString("hex"), LINK_SECRET: crypto.randomBytes(32).toString("hex") };
  const ports = [await freePort(), await freePort()];
  const listen = await freePort();
  const start = (port: number) =>
    startProcess(`rolling-${port}`, process.execPath, ["server.js"], port, {
      ...secrets,
      DATABASE_URL: db.url,
      DATA_DIR,
      NODE_ENV: "production",
      RUN_JOBS: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      TRUST_PROXY: "1",
      APP_URL: `http://127.0.0.1:${listen}`,
    });
  const instances = [await start(ports[0]!), await start(ports[1]!)];

  const dir = fs.mkdtempSync(path.join(TMP, "nginx-"));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, "nginx.conf"), nginxConfig(dir, listen, ports));
  const nginx = spawn(NGINX, ["-e", `${dir}/error.log`, "-p", dir, "-c", `${dir}/nginx.conf`, "-g", "daemon off;"], { stdio: "inherit" });
  onCleanup(() => stopProcess(nginx));
  for (let i = 0; i < 50 && !fs.existsSync(`${dir}/nginx.pid`); i++) await sleep(100);

  // Load: 8 clients reading the home page, 2 posting a form (an empty contact form: 400, no rate limit).
  const site = `http://127.0.0.1:${listen}`;
  const startedAt = Date.now();
  const seconds: { ok: number; failed: number }[] = [];
  const kinds = new Map<string, number>();
  const count = (failed: boolean, kind: string) => {
    const s = Math.floor((Date.now() - startedAt) / 1000);
    seconds[s] ??= { ok: 0, failed: 0 };
    seconds[s]![failed ? "failed" : "ok"]++;
    if (failed) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  };
  let running = true;
  const client = async (post: boolean) => {
    while (running) {
      const res = await fetch(post ? `${site}/kontakt` : `${site}/`, {
        method: post ? "POST" : "GET",
        redirect: "manual",
        headers: post ? { "Content-Type": "application/x-www-form-urlencoded", Origin: site } : {},
        body: post ? "name=" : undefined,
      }).then(
        (r) => r.arrayBuffer().then(() => r.status),
        () => 0,
      );
      count(res === 0 || res >= 500, `${post ? "POST" : "GET"} ${res || "no answer"}`);
    }
  };
  const clients = [...Array.from({ length: 8 }, () => client(false)), client(true), client(true)];

  await sleep(3_000);
  for (const [i, port] of ports.entries()) {
    log(`restarting the instance on port ${port} (t = ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
    await stopProcess(instances[i]!);
    instances[i] = await start(port);
    for (;;) {
      if (
        await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(250);
    }
    log(`  /healthz answers (t = ${((Date.now() - startedAt) / 1000).toFixed(1)} s); waiting ${wait} s`);
    await sleep(wait * 1000);
  }
  await sleep(12_000);
  running = false;
  await Promise.all(clients);

  const total = seconds.reduce((n, s) => n + (s?.ok ?? 0) + (s?.failed ?? 0), 0);
  const failed = seconds.reduce((n, s) => n + (s?.failed ?? 0), 0);
  const bad = seconds.map((s, i) => (s?.failed ? `${i} s: ${s.failed}` : "")).filter(Boolean);
  console.log(`fail_timeout=${failTimeout}s, wait ${wait}s after /healthz: ${failed} of ${total} requests failed (5xx or no answer)`);
  console.log(`seconds with failures: ${bad.length ? bad.join(", ") : "none"}`);
  if (kinds.size) console.log(`failures: ${[...kinds].map(([k, n]) => `${k}: ${n}`).join(", ")}`);
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
