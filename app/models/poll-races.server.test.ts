// Closing a poll is final even while votes are arriving: once the close has
// committed, no vote may be added (a presenter shows the closed result at once).
// On PostgreSQL (`npm run test:pg -- <this file>`) each vote runs on its own
// pooled connection; a vote that read "open" just before the close must wait for
// it and then be refused, not be stored afterwards.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { participantHashForToken } from "~/utils/poll-participant.server";
import { pollSchema } from "~/validation/poll";
import { castVote } from "./poll-vote.server";
import { changePollState, createPoll } from "./poll-admin.server";

let organizerId = "";
let eventId = "";

beforeAll(async () => {
  organizerId = (await prisma.user.create({ data: { email: "polls-race@test.example", name: "Arrangör", role: "organizer" }, select: { id: true } })).id;
  eventId = (
    await prisma.event.create({
      data: {
        slug: "forum-poll-race",
        title: "Forum",
        startsAt: new Date("2030-05-06T11:00:00Z"),
        endsAt: new Date("2030-05-06T12:30:00Z"),
        status: "published",
      },
      select: { id: true },
    })
  ).id;
});

describe("poll votes under concurrency", () => {
  it("no vote is stored after the close has committed", async () => {
    for (let round = 0; round < 5; round++) {
      const created = await createPoll(organizerId, eventId, pollSchema.parse({ question: `Runda ${round}?`, options: "Ja\nNej\n" }));
      if (!created.ok) throw new Error(created.message);
      expect(await changePollState(organizerId, eventId, created.id, "open")).toEqual({ ok: true });
      const option = (await prisma.pollOption.findFirstOrThrow({ where: { pollId: created.id } })).id;
      let atClose = -1;
      const votes = Array.from({ length: 20 }, (_, i) =>
        castVote({
          pollId: created.id,
          participantHash: participantHashForToken(`race-${round}-${i}-xxxxxxxxxxxx`),
          userId: null,
          optionIds: [option],
          freeText: "",
          municipalityCode: null,
        }),
      );
      const close = changePollState(organizerId, eventId, created.id, "closed").then(async (r) => {
        atClose = await prisma.pollResponse.count({ where: { pollId: created.id } });
        return r;
      });
      const [closed, ...results] = await Promise.all([close, ...votes]);
      expect(closed).toEqual({ ok: true });
      const stored = await prisma.pollResponse.count({ where: { pollId: created.id } });
      expect(stored).toBe(atClose);
      expect(results.filter((r) => r.ok)).toHaveLength(stored);
    }
  });
});
