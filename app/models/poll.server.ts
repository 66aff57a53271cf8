import { prisma } from "~/utils/db.server";

/**
 * Public, read-only poll results: polls in state "published" whose forum is
 * published. Individual responses never leave this module, only counts.
 */
export async function listPublishedPolls() {
  const rows = await prisma.poll.findMany({
    where: { state: "published", event: { status: "published" } },
    orderBy: [{ event: { startsAt: "desc" } }, { position: "asc" }],
    select: {
      id: true,
      question: true,
      multipleChoice: true,
      imported: true,
      resultNote: true,
      event: { select: { slug: true, title: true, startsAt: true } },
      options: {
        orderBy: { position: "asc" },
        select: { id: true, label: true, importedPercent: true, _count: { select: { answers: true } } },
      },
      _count: { select: { responses: true } },
    },
  });
  return rows.map(({ options, _count, ...poll }) => ({
    ...poll,
    respondents: _count.responses,
    options: options.map(({ _count: optionCount, ...option }) => ({ ...option, count: optionCount.answers })),
  }));
}

export type PublishedPoll = Awaited<ReturnType<typeof listPublishedPolls>>[number];
