import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLiveResults, getPollForAdmin } from "~/models/poll.server";
import { requireRole } from "~/utils/auth.server";
import { subscribeToPoll } from "~/utils/poll-bus.server";

/**
 * Server-Sent Events for the presenter view: the current counts at once, then
 * again after every vote or state change (coalesced, at most a few per second),
 * and a comment line every 15 s so proxies keep the connection open.
 * "Cache-Control: no-transform" makes the compression middleware leave the
 * stream alone, so each event is flushed as it is written.
 */
const ID = /^[a-z0-9]{1,40}$/;
const HEARTBEAT_MS = 15_000;
const COALESCE_MS = 150;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const { eventId = "", pollId = "" } = params;
  const poll = ID.test(eventId) && ID.test(pollId) ? await getPollForAdmin(eventId, pollId) : null;
  if (!poll || poll.imported) throw new Response("Frågan finns inte", { status: 404 });

  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let scheduled: ReturnType<typeof setTimeout> | null = null;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const push = async () => {
        scheduled = null;
        const results = await getLiveResults(poll.id).catch(() => null);
        if (results) send(`event: results\ndata: ${JSON.stringify(results)}\n\n`);
      };
      const schedule = () => {
        if (!closed && !scheduled) scheduled = setTimeout(() => void push(), COALESCE_MS);
      };
      const unsubscribe = subscribeToPoll(poll.id, schedule);
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      stop = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        if (scheduled) clearTimeout(scheduled);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", () => stop());
      send("retry: 3000\n\n");
      void push();
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
