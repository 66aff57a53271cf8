import type { LoaderFunctionArgs } from "@remix-run/node";
import { CSV_CONTENT_TYPE } from "~/utils/csv.server";
import { pollCsv } from "~/utils/poll-export.server";
import { loadPublishedPoll } from "~/models/poll.server";

/** A published poll's result as CSV for Swedish Excel (aggregate figures only). */
export async function loader({ params }: LoaderFunctionArgs) {
  const { poll } = await loadPublishedPoll(params.code);
  return new Response(pollCsv(poll), {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="omrostning-${poll.code}.csv"`,
      "Cache-Control": "public, max-age=60",
    },
  });
}
