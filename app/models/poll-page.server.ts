import { getBreakdowns, getPublishedPoll } from "./poll.server";
import type { Breakdown } from "~/utils/poll-results";
import { normalizePollCode } from "~/validation/poll";

/** A published poll with its breakdowns, for the results page and both downloads. Throws 404. */
export async function loadPublishedPoll(rawCode: string | undefined) {
  const code = normalizePollCode(rawCode);
  const poll = code ? await getPublishedPoll(code) : null;
  if (!poll) throw new Response("Vi hittade inget publicerat resultat med den koden.", { status: 404 });
  const breakdowns: Record<string, Breakdown> = {};
  if (!poll.imported && poll.respondents) {
    const { county, group } = await getBreakdowns(poll.id, poll.options, poll.multipleChoice);
    breakdowns.county = county;
    breakdowns.municipalityGroup = group;
  }
  return { poll, breakdowns };
}
