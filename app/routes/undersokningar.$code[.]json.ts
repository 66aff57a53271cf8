import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/utils/env.server";
import { pollJson } from "~/utils/poll-export.server";
import { loadPublishedPoll } from "~/models/poll.server";
import { pollResultHref } from "~/utils/links";

/** A published poll's result as JSON, with breakdowns where groups are large enough. */
export async function loader({ params }: LoaderFunctionArgs) {
  const { poll, breakdowns } = await loadPublishedPoll(params.code);
  const body = pollJson(poll, { url: new URL(pollResultHref(poll.code), env().APP_URL).href, breakdowns });
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `inline; filename="omrostning-${poll.code}.json"`,
      "Cache-Control": "public, max-age=60",
    },
  });
}
