import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLiveResults, getPollForAdmin } from "~/models/poll-admin.server";
import { requireRole } from "~/models/auth.server";
import { pollBusListening, subscribeToPoll } from "~/utils/poll-bus.server";
import { requireParam } from "~/utils/http.server";

/**
 * Server-Sent Events for the presenter view: the current counts, then again
 * after every vote or state change (coalesced, at most a few per second, sent
 * in the order they were read), and a comment line every 15 s so proxies keep
 * the connection open. On PostgreSQL the first counts wait until this instance
 * LISTENs for the other instances' votes (at most LISTEN_WAIT_MS): a vote made
 * after them always reaches the stream. A failed read is tried again.
 * "Cache-Control: no-transform" makes the compression middleware leave the
 * stream alone, so each event is flushed as it is written.
 */
const HEARTBEAT_MS = 15_000;
const COALESCE_MS = 150;
const LISTEN_WAIT_MS = 5_000;
const RETRY_MS = 2_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const poll = await getPollForAdmin(
    requireParam(params, "eventId", "cuid", "Omröstningen finns inte"),
    requireParam(params, "pollId", "cuid", "Omröstningen finns inte"),
  );
  if (!poll || poll.imported) throw new Response("Omröstningen finns inte", { status: 404 });

  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let scheduled: ReturnType<typeof setTimeout> | null = null;
      let retry: ReturnType<typeof setTimeout> | null = null;
      // One read at a time, so an older count is never sent after a newer one.
      let pushing: Promise<void> = Promise.resolve();
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const push = () => {
        scheduled = null;
        pushing = pushing.then(async () => {
          if (closed) return;
          try {
            const results = await getLiveResults(poll.id);
            if (results) send(`event: results\ndata: ${JSON.stringify(results)}\n\n`);
          } catch {
            if (!closed && !retry) {
              retry = setTimeout(() => {
                retry = null;
                schedule();
              }, RETRY_MS);
            }
          }
        });
      };
      const schedule = () => {
        if (!closed && !scheduled) scheduled = setTimeout(push, COALESCE_MS);
      };
      const unsubscribe = subscribeToPoll(poll.id, schedule);
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      stop = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        if (scheduled) clearTimeout(scheduled);
        if (retry) clearTimeout(retry);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", () => stop());
      send("retry: 3000\n\n");
      // (A reload the bus asked for on connecting is already scheduled: it is the first count.)
      void pollBusListening(LISTEN_WAIT_MS).then(() => {
        if (!scheduled) push();
      });
    },
    cancel() {
      stop();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
