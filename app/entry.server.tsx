import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { withoutNulBytes } from "~/utils/html-stream.server";
import { NonceProvider } from "~/utils/nonce";

// Server-only hooks that server.js reads from the build (build.entry.module).
export { startBackgroundJobs } from "~/jobs/background-jobs.server";
export { serverConfig } from "~/utils/env.server";
export { dbReady, disconnectDb } from "~/utils/db.server";
export { isSameOriginRequest } from "~/utils/origin.server";
export { createRequestHandler } from "~/utils/remix-handler.server";
export { pageCache } from "~/utils/page-cache.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          // Not a PassThrough: React 18.3.1 writes stray zero bytes (html-stream.server.ts).
          const body = withoutNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A 4xx (a bad ?_data value, a missing route) is the client's mistake, not ours.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number" && status < 500) return;
  console.error(
    JSON.stringify({ level: "error", time: new Date().toISOString(), msg: String(error instanceof Error ? error.stack : error), url: request.url }),
  );
}
