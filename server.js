// The production and development HTTP server: Express around the Remix build.
// One place for security headers, the Origin check, client IPs behind proxies,
// request logs, background jobs and graceful shutdown (docs/decisions/004-custom-express-server.md).
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import url from "node:url";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";

installGlobals();

const here = path.dirname(url.fileURLToPath(import.meta.url));
const BUILD_PATH = path.join(here, "build", "index.js");
const isDev = process.env.NODE_ENV === "development";

async function loadBuild() {
  // In development, re-import when the build changes (cache-busting query).
  const stamp = isDev ? `?t=${fs.statSync(BUILD_PATH).mtimeMs}` : "";
  return import(url.pathToFileURL(BUILD_PATH).href + stamp);
}

const initialBuild = await loadBuild();
/** Server-only hooks exported by app/entry.server.tsx. */
const hooks = initialBuild.entry.module;
const config = hooks.serverConfig(); // validates the environment; throws with a clear message
await hooks.dbReady;
// Anonymous pages answered before Express (ADR 013); off with PAGE_CACHE_MB=0, and
// in development, where a rebuilt page must show at once.
const pageCache = hooks.pageCache;
if (!isDev) pageCache.enable(config.pageCacheBytes);

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", config.trustProxy);

// Request id and a JSON log line per request, with timing.
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  const requestId = req.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();
  res.locals.requestId = requestId;
  res.setHeader("X-Request-Id", requestId);
  res.on("finish", () => {
    if (!config.logRequests) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(
      JSON.stringify({
        level: res.statusCode >= 500 ? "error" : "info",
        time: new Date().toISOString(),
        msg: "request",
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        ip: req.ip,
      }) + "\n",
    );
  });
  next();
});

// A fresh nonce per request for Remix's inline scripts.
app.use((_req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  next();
});

app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": isDev ? ["'self'", "ws:"] : ["'self'"],
        "media-src": ["'self'", "https:"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "upgrade-insecure-requests": config.https ? [] : null,
      },
    },
    // Only meaningful over https; browsers ignore it on http anyway.
    strictTransportSecurity: config.https ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: "deny" },
  }),
);
app.use((req, res, next) => {
  // A URL that carries a secret (an emailed token or a signed link) must not
  // leak it to other sites through the Referer header.
  if ("token" in req.query || "sig" in req.query) res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  next();
});

// A NUL byte (%00) is never part of a real address, and PostgreSQL text cannot
// hold one: a plain 400 here instead of a database error deeper down.
app.use((req, res, next) => {
  if (!/%00/i.test(req.originalUrl)) return next();
  res.status(400).type("text/plain; charset=utf-8").send("Adressen är felaktig.");
});

// Refuse cross-site mutations before they reach any action (CSRF defence in depth
// beside SameSite=Lax cookies).
app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  if (hooks.isSameOriginRequest(req.get("origin"), req.get("referer"), req.get("sec-fetch-site"), req.get("host"), req.get("x-forwarded-host"))) return next();
  res.status(403).type("text/plain; charset=utf-8").send("Förfrågan stoppades: den kom inte från den här webbplatsen.");
});

// Compression skips text/event-stream responses marked no-transform (live polls).
app.use(compression());

app.use("/build", express.static(path.join(here, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(here, "public"), { maxAge: "1h" }));

// Remix, through our own glue (app/utils/remix-handler.server.ts): request bodies
// limited per path (413/408), responses written with backpressure, uploads sent
// with ranges, and `Cache-Control: private, no-store` for every response to a
// request with a session.
app.all(
  "*",
  hooks.createRequestHandler({
    build: isDev ? loadBuild : initialBuild,
    mode: initialBuild.mode,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      requestId: res.locals.requestId,
      clientIp: req.ip ?? "unknown",
    }),
  }),
);

// A malformed URL (e.g. "/%ZZ") is the client's mistake: a plain 400, no stack trace.
app.use((error, _req, res, next) => {
  if (error instanceof URIError || error?.status === 400) {
    res.status(400).type("text/plain; charset=utf-8").send("Adressen är felaktig.");
    return;
  }
  next(error);
});

// Slow clients are cut off (ADR 004): headers must arrive within 10 s, a whole
// request within 130 s (the longest body budget, uploads, is 120 s; each path's
// budget is in app/utils/body-limit.server.ts), an idle keep-alive connection
// closes after 5 s, a connection where nothing moves for 60 s is closed (the live
// poll stream sends a comment every 15 s), and the server holds at most 2,000
// connections. Node checks these timeouts every second instead of every 30.
const server = http.createServer({ headersTimeout: 10_000, requestTimeout: 130_000, connectionsCheckingInterval: 1_000 }, (req, res) => {
  if (!pageCache.serve(req, res)) return app(req, res);
  // A hit: the same log line as Express writes, with a request id of its own.
  if (config.logRequests) {
    process.stdout.write(
      `{"level":"info","time":"${new Date().toISOString()}","msg":"request","requestId":"${crypto.randomUUID()}","method":"${req.method}",` +
        `"path":${JSON.stringify(req.url.split("?")[0])},"status":${res.statusCode},"cache":"hit"}\n`,
    );
  }
});
server.keepAliveTimeout = 5_000;
server.timeout = 60_000;
server.maxConnections = 2_000;
server.listen(config.port, config.host, () => {
  log("info", `Kommunforum Analytics lyssnar på http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`);
  if (isDev) broadcastDevReady(initialBuild);
});

const stopJobs = config.runJobs ? hooks.startBackgroundJobs() : async () => {};

// Graceful shutdown: stop taking connections, finish in-flight requests and the
// current outbox batch, then close the database.
let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  log("info", `${signal}: stänger ner`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  const closed = new Promise((resolve) => server.close(resolve));
  // A keep-alive connection turns idle when its last request is answered; close it
  // then instead of waiting for the keep-alive timeout.
  const idleSweep = setInterval(() => server.closeIdleConnections?.(), 100);
  server.closeIdleConnections?.();
  await Promise.all([closed, stopJobs()]);
  clearInterval(idleSweep);
  await hooks.disconnectDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

function log(level, msg) {
  process.stdout.write(JSON.stringify({ level, time: new Date().toISOString(), msg }) + "\n");
}
