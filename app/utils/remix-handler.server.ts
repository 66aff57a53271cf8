import { createRequestHandler as createRemixRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { BODY_REFUSED, bodyLimitFor, limitedBody, type BodyRefusal } from "./body-limit.server";
import { pageCache } from "./page-cache.server";
import { installRouteMatchMemo } from "./route-match-memo.server";
import { sendUpload } from "./send-upload.server";
import { sessionCookieName } from "./session-cookie.server";
import { SEND_UPLOAD_HEADER } from "./upload.server";

/**
 * The glue between Express and Remix, in place of @remix-run/express's handler
 * (server.js, ADR 004). It differs where that one let a client fill the
 * server's memory:
 * - the request body is read through a per-path limit (body-limit.server.ts),
 *   answered with 413 (too large) or 408 (too slow) and a Swedish message;
 * - response bodies are written at the pace the client reads: each write waits
 *   for "drain" (@remix-run/node 2.17's writeReadableStreamToWritable did not,
 *   so 80 stalled downloads of a 15 MB file held a gigabyte);
 * - an upload is sent from its file in 64 KB steps (send-upload.server.ts), with ranges;
 * - every response to a request with a session is `private, no-store`;
 * - an anonymous page the page cache missed is handed to it once sent (page-cache.server.ts).
 */
type Options = {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode?: string;
  getLoadContext?: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext | Promise<AppLoadContext>;
};

export function createRequestHandler({ build, mode, getLoadContext }: Options) {
  installRouteMatchMemo();
  const handle = createRemixRequestHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    let stopBody = () => {};
    try {
      const controller = new AbortController();
      res.once("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      let body: ReadableStream<Uint8Array> | undefined;
      if (req.method !== "GET" && req.method !== "HEAD") {
        const limit = bodyLimitFor(req.path);
        if (Number(req.get("content-length") ?? 0) > limit.bytes) return refuseBody(req, res, 413);
        const limited = limitedBody(req, limit, (status) => {
          controller.abort();
          refuseBody(req, res, status);
        });
        body = limited.body;
        stopBody = limited.stop;
      }
      const request = createRemixRequest(req, controller.signal, body);
      const response = await handle(request, await getLoadContext?.(req, res));
      if (res.headersSent) {
        // Already refused (413/408) while the action read the body.
        await response.body?.cancel().catch(() => {});
        return;
      }
      // An action that answered before reading the whole body: the rest is not read.
      if (body && !req.complete) discardRestOfBody(req, res);
      await sendResponse(req, res, response);
    } catch (error) {
      if (res.headersSent) return;
      next(error);
    } finally {
      if (res.writableFinished) stopBody();
      else res.once("close", stopBody);
    }
  };
}

function createRemixRequest(req: ExpressRequest, signal: AbortSignal, body: ReadableStream<Uint8Array> | undefined): Request {
  // As @remix-run/express does: req.hostname honours "trust proxy"; the port comes from the headers.
  const portOf = (value: string | undefined) => Number.parseInt(value?.split(":")[1] ?? "", 10);
  const forwardedPort = portOf(req.get("x-forwarded-host"));
  const hostPort = portOf(req.get("host"));
  const port = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : "";
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value ? [value] : []) headers.append(key, one);
  }
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal };
  if (body) {
    init.body = body;
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

/** 413 or 408 with a Swedish message; what the client still sends is thrown away unread. */
function refuseBody(req: ExpressRequest, res: ExpressResponse, status: BodyRefusal) {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  discardRestOfBody(req, res);
  res.status(status).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).send(BODY_REFUSED[status]);
}

/**
 * For a request whose body is not read to the end: once the answer is out, the
 * rest of the body is read and dropped (never kept), so a client that is still
 * sending gets to read the answer instead of a reset. After 5 s or 64 MB more the
 * connection is closed. (Not "Connection: close": Node would then close the
 * socket the moment the answer is written, and the client, still sending, would
 * get a reset and lose the answer.)
 */
const LINGER_MS = 5_000;
const LINGER_BYTES = 64 * 1024 * 1024;
function discardRestOfBody(req: ExpressRequest, res: ExpressResponse) {
  res.once("finish", () => {
    if (req.complete) return;
    let dropped = 0;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) req.socket.destroy();
    });
    req.once("close", () => clearTimeout(timer));
    req.resume();
  });
}

async function sendResponse(req: ExpressRequest, res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) {
    if (key !== SEND_UPLOAD_HEADER) res.append(key, value);
  }
  if (hasSession(req, res)) {
    // Keep no-transform: it keeps compression off the live poll stream.
    const noTransform = /no-transform/i.test(String(res.getHeader("Cache-Control") ?? ""));
    res.setHeader("Cache-Control", noTransform ? "private, no-store, no-transform" : "private, no-store");
  }
  const upload = response.headers.get(SEND_UPLOAD_HEADER);
  if (upload) return sendUpload(req, res, upload);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  // Taken before the first write, so without what compression adds.
  const keep = pageCache.mayStore(req) ? { headers: res.getHeaders(), chunks: [] as Uint8Array[] } : null;
  let complete = true;
  if (response.body) complete = await writeWithBackpressure(response.body, res, keep?.chunks);
  else res.end();
  if (keep && complete) {
    void pageCache.store(req, res.statusCode, keep.headers, Buffer.concat(keep.chunks)).catch(() => {});
  }
}

/** A request that carries a session cookie, or a response that sets one (logging in). */
function hasSession(req: ExpressRequest, res: ExpressResponse): boolean {
  const name = sessionCookieName();
  const sent = (req.headers.cookie ?? "").split(";").some((c) => c.trim().startsWith(`${name}=`));
  const setCookie = res.getHeader("Set-Cookie");
  const set = (Array.isArray(setCookie) ? setCookie : [String(setCookie ?? "")]).some((c) => c.startsWith(`${name}=`));
  return sent || set;
}

/**
 * Writes a web stream to the response, waiting for "drain" whenever the socket's
 * buffer is full, and stops reading (cancelling the source: a file, the render,
 * the live poll stream) as soon as the client goes away. `flush` pushes each
 * chunk through the compression middleware, so streamed HTML arrives as written.
 * `keep` collects the chunks written (for the page cache). Returns whether the
 * whole body was written.
 */
async function writeWithBackpressure(body: ReadableStream<Uint8Array>, res: ExpressResponse, keep?: Uint8Array[]): Promise<boolean> {
  const reader = body.getReader();
  if (res.destroyed || !res.socket || res.socket.destroyed) {
    await reader.cancel().catch(() => {});
    return false;
  }
  let gone = false;
  let wake: (() => void) | null = null;
  const resume = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  const onClose = () => {
    gone = true;
    resume();
    reader.cancel().catch(() => {});
  };
  // One listener each for the whole response (compression moves "drain" listeners to its gzip stream).
  res.on("drain", resume);
  res.once("close", onClose);
  const flushable = res as ExpressResponse & { flush?: () => void };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (gone) return false;
      if (done) {
        res.end();
        return true;
      }
      keep?.push(Buffer.from(value));
      if (!res.write(value)) await new Promise<void>((resolve) => (wake = resolve));
      if (gone) return false;
      flushable.flush?.();
    }
  } catch (error) {
    if (!gone) res.destroy(error instanceof Error ? error : undefined);
    return false;
  } finally {
    res.off("close", onClose);
  }
}
