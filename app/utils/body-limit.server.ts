import type { IncomingMessage } from "node:http";
import { MAX_UPLOAD_BYTES } from "./upload.server";

/**
 * How much a request body may hold, and how long it may take to arrive, by path
 * (docs/decisions/004-custom-express-server.md). The limit is enforced while the
 * body streams in: a declared Content-Length over it is refused before a byte is
 * read, and a body without one is cut off at the limit. Sizes are worst cases of
 * each form's longest fields as a browser encodes them (a character outside
 * ASCII is up to 9 bytes, "€" → "%E2%82%AC").
 */
export type BodyLimit = { name: string; bytes: number; seconds: number };

const KB = 1024;
const MB = 1024 * KB;

/** First match wins; anything else gets DEFAULT_BODY_LIMIT. */
export const BODY_LIMITS: ReadonlyArray<BodyLimit & { path: RegExp }> = [
  // Slides: the upload limit plus room for the multipart framing and the other fields.
  { name: "uppladdning", path: /^\/admin\/forum\/[^/]+\/inspelning\/?$/, bytes: MAX_UPLOAD_BYTES + MB, seconds: 120 },
  // Case and article texts (100 000 characters), event descriptions (20 000 plus speakers).
  { name: "lång text", path: /^\/(admin\/(case|spaningar)(\/|$)|profil\/case(\/|$)|admin\/forum\/[^/]+\/?$)/, bytes: MB, seconds: 60 },
  // Log-in and account forms, votes and one-click links: a few short fields.
  {
    name: "kort formulär",
    path: /^\/(logga-in|logga-ut|registrera|glomt-losenord|aterstall-losenord|verifiera|inbjudan|rosta|forum\/avanmal|diskussioner\/sluta-bevaka|profil\/(tvastegs|radera))(\/|$)/,
    bytes: 16 * KB,
    seconds: 15,
  },
];

/** Contact, registration, discussion posts (20 000 characters), replies, moderation. */
export const DEFAULT_BODY_LIMIT: BodyLimit = { name: "formulär", bytes: 256 * KB, seconds: 30 };

export function bodyLimitFor(pathname: string): BodyLimit {
  return BODY_LIMITS.find((l) => l.path.test(pathname)) ?? DEFAULT_BODY_LIMIT;
}

export const BODY_REFUSED = {
  413: "Det du skickade är för stort. Korta texten eller gör filen mindre och försök igen.",
  408: "Det du skickade kom inte fram i tid. Kontrollera anslutningen och försök igen.",
} as const;

export type BodyRefusal = keyof typeof BODY_REFUSED;

/**
 * The request body as a web stream that stops at the limit. It reads only as fast
 * as the consumer does (at most 64 KB ahead), and calls `refuse` once, with 413
 * when the body grows past the limit or 408 when it has not arrived in time.
 * `stop` ends the watch (call it when the response is done).
 */
export function limitedBody(
  req: IncomingMessage,
  limit: BodyLimit,
  refuse: (status: BodyRefusal) => void,
): { body: ReadableStream<Uint8Array>; stop: () => void } {
  let received = 0;
  let settled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onData: (chunk: Buffer) => void = () => {};
  const stop = () => {
    settled = true;
    clearTimeout(timer);
    req.off("data", onData);
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const finish = (error?: Error) => {
          if (settled) return;
          stop();
          if (error) controller.error(error);
          else controller.close();
        };
        const fail = (status: BodyRefusal) => {
          if (settled) return;
          req.pause();
          finish(Object.assign(new Error(BODY_REFUSED[status]), { status }));
          refuse(status);
        };
        onData = (chunk: Buffer) => {
          received += chunk.length;
          if (received > limit.bytes) return fail(413);
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        };
        // The clock measures the client, not our queue: when the event loop was busy
        // past the deadline, the body may already sit in the socket unread. The timer
        // runs before this loop turn reads sockets; setImmediate decides after it has.
        timer = setTimeout(() => setImmediate(() => !req.complete && fail(408)), limit.seconds * 1000);
        req.on("data", onData);
        req.once("end", () => finish());
        req.once("error", (error) => finish(error));
        req.once("close", () => finish(new Error("Anslutningen stängdes innan allt kom fram.")));
      },
      pull() {
        if (!settled) req.resume();
      },
      cancel: stop,
    },
    { highWaterMark: 64 * KB, size: (chunk) => chunk.byteLength },
  );
  return { body, stop };
}
