import { prisma } from "~/utils/db.server";
import { formatShortDate, fromStockholmInputValue, toStockholmInputValue } from "~/utils/format";
import { renderForWrite } from "~/utils/markdown.server";
import { DEMO_POLL, PAST_FORUM, PAST_FORUM_POLLS, UPCOMING_FORUM, type DemoAgendaItem, type DemoSpeaker } from "./seed-content";

// DEMO DATA, the forums of the seed (seed-database.server.ts): the past forum of
// 6 May 2021 with its imported poll results, and the next forum, dated on the
// first run, with a draft poll.

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

export function stockholm(value: string): Date {
  const date = fromStockholmInputValue(value);
  if (!date) throw new Error(`Ogiltig tid i seed-innehållet: ${value}`);
  return date;
}

const addMinutes = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

/** "YYYY-MM-DD" plus a number of calendar days. */
function addCalendarDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const TUESDAY = 2;

/** 13.00 Stockholm time on the first Tuesday that is at least 30 days after `now`. */
export function nextForumStart(now: Date): Date {
  const earliest = new Date(now.getTime() + 30 * 24 * 3600_000);
  const day = toStockholmInputValue(earliest).slice(0, 10);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const tuesday = addCalendarDays(day, (TUESDAY - weekday + 7) % 7);
  const start = stockholm(`${tuesday}T${UPCOMING_FORUM.startTime}`);
  // Same Tuesday but already past 13.00 on day 30: take the next one.
  return start < earliest ? stockholm(`${addCalendarDays(tuesday, 7)}T${UPCOMING_FORUM.startTime}`) : start;
}

/** 23.59 Stockholm time, two calendar days before the forum starts. */
export function registrationDeadlineFor(startsAt: Date): Date {
  const day = toStockholmInputValue(startsAt).slice(0, 10);
  return stockholm(`${addCalendarDays(day, -UPCOMING_FORUM.deadlineDaysBefore)}T${UPCOMING_FORUM.deadlineTime}`);
}

/** The stored HTML of demo text, rendered when it is written like any other text (ADR 011). */
export function storedHtml(markdown: string): string | null {
  const rendered = renderForWrite(markdown);
  return rendered.ok ? rendered.html : null;
}

type EventContent = {
  slug: string;
  title: string;
  summary: string;
  descriptionMd: string;
  startsAt: Date;
  endsAt: Date;
  format: string;
  location: string;
  capacity: number | null;
  registrationDeadline: Date | null;
  speakers: DemoSpeaker[];
  agenda: DemoAgendaItem[];
};

/** Creates the event with its speakers and agenda in one transaction, unless the slug exists. */
async function ensureEvent(content: EventContent, now: Date, created: string[]): Promise<string> {
  const existing = await prisma.event.findUnique({ where: { slug: content.slug }, select: { id: true } });
  if (existing) return existing.id;
  const { speakers, agenda, ...event } = content;
  const id = await prisma.$transaction(async (tx) => {
    const row = await tx.event.create({
      data: { ...event, descriptionHtml: storedHtml(event.descriptionMd), status: "published", publishedAt: now, isDemo: true },
      select: { id: true },
    });
    const speakerIds = new Map<string, string>();
    for (const [position, { key, ...speaker }] of speakers.entries()) {
      const s = await tx.speaker.create({ data: { ...speaker, position, eventId: row.id }, select: { id: true } });
      speakerIds.set(key, s.id);
    }
    for (const [position, item] of agenda.entries()) {
      await tx.agendaItem.create({
        data: {
          eventId: row.id,
          position,
          title: item.title,
          startsAt: addMinutes(content.startsAt, item.offsetMinutes),
          speakerId: item.speakerKey ? (speakerIds.get(item.speakerKey) ?? null) : null,
        },
      });
    }
    return row.id;
  });
  created.push(`forum ${content.slug}`);
  return id;
}

export function ensurePastForum(now: Date, created: string[]): Promise<string> {
  return ensureEvent(
    {
      slug: PAST_FORUM.slug,
      title: PAST_FORUM.title,
      summary: PAST_FORUM.summary,
      descriptionMd: PAST_FORUM.descriptionMd,
      startsAt: stockholm(PAST_FORUM.startsAt),
      endsAt: stockholm(PAST_FORUM.endsAt),
      format: PAST_FORUM.format,
      location: PAST_FORUM.location,
      capacity: null,
      registrationDeadline: null,
      speakers: PAST_FORUM.speakers,
      agenda: PAST_FORUM.agenda,
    },
    now,
    created,
  );
}

/**
 * Area tags for a forum, only while it has none: an organizer who later changes
 * the tags in the admin pages keeps that choice across restarts.
 */
export async function ensureEventTags(eventId: string, tagSlugs: readonly string[], created: string[]) {
  const existing = await prisma.eventTag.count({ where: { eventId } });
  if (existing) return;
  const tags = await prisma.tag.findMany({ where: { slug: { in: [...tagSlugs] } }, select: { id: true } });
  if (!tags.length) return;
  await prisma.eventTag.createMany({ data: tags.map((t) => ({ eventId, tagId: t.id })) });
  created.push(`forumtaggar ${tagSlugs.join(", ")}`);
}

/** The polls of 6 May 2021 as imported aggregate results: percentages, no individual votes. */
export async function ensurePastForumPolls(eventId: string, created: string[]) {
  const publishedAt = stockholm(PAST_FORUM.endsAt);
  for (const [position, poll] of PAST_FORUM_POLLS.entries()) {
    const existing = await prisma.poll.findUnique({ where: { code: poll.code }, select: { id: true } });
    if (existing) continue;
    await prisma.poll.create({
      data: {
        eventId,
        code: poll.code,
        question: poll.question,
        state: "published",
        position,
        imported: true,
        resultNote: poll.resultNote,
        publishedAt,
        options: {
          create: poll.options.map((option, i) => ({
            label: option.label,
            position: i,
            isDontKnow: option.isDontKnow ?? false,
            importedPercent: option.percent,
          })),
        },
      },
    });
    created.push(`omröstning ${poll.code}`);
  }
}

/** A draft poll on the upcoming forum, for trying the live polls (created once, then left alone). */
export async function ensureDemoPoll(eventId: string, created: string[]) {
  const existing = await prisma.poll.findUnique({ where: { code: DEMO_POLL.code }, select: { id: true } });
  if (existing) return;
  const repeatOf = await prisma.poll.findUnique({ where: { code: DEMO_POLL.repeatOfCode }, select: { id: true } });
  const labels = [...DEMO_POLL.options, ...(DEMO_POLL.dontKnow ? ["Vet ej"] : [])];
  await prisma.poll.create({
    data: {
      eventId,
      code: DEMO_POLL.code,
      question: DEMO_POLL.question,
      state: "draft",
      repeatOfId: repeatOf?.id ?? null,
      options: { create: labels.map((label, position) => ({ label, position, isDontKnow: label === "Vet ej" })) },
    },
  });
  created.push(`omröstning ${DEMO_POLL.code} (utkast)`);
}

/** The date is chosen on the first run only; later runs find the slug and keep it. */
export function ensureUpcomingForum(now: Date, created: string[]): Promise<string> {
  const startsAt = nextForumStart(now);
  return ensureEvent(
    {
      slug: UPCOMING_FORUM.slug,
      title: `${UPCOMING_FORUM.titlePrefix} ${formatShortDate(startsAt)}`,
      summary: UPCOMING_FORUM.summary,
      descriptionMd: UPCOMING_FORUM.descriptionMd,
      startsAt,
      endsAt: addMinutes(startsAt, UPCOMING_FORUM.durationMinutes),
      format: UPCOMING_FORUM.format,
      location: UPCOMING_FORUM.location,
      capacity: UPCOMING_FORUM.capacity,
      registrationDeadline: registrationDeadlineFor(startsAt),
      speakers: [],
      agenda: UPCOMING_FORUM.agenda,
    },
    now,
    created,
  );
}

/**
 * The 6 May 2021 forum's recording entry, so the recordings archive is not empty:
 * its chapters follow the agenda and it lasts the forum's 1.5 hours. The source
 * offers the recording on request from the organizer and gives no address for
 * it, so the entry has no video (an empty videoUrl): its page says to ask the
 * organizer, and nothing loads from a third party. An organizer adds the video
 * on the forum's recording page.
 */
export async function ensurePastForumRecording(eventId: string, created: string[]) {
  const existing = await prisma.recording.findUnique({ where: { eventId }, select: { id: true } });
  if (existing) return;
  const startsAt = stockholm(PAST_FORUM.startsAt);
  await prisma.recording.create({
    data: {
      eventId,
      videoUrl: "",
      provider: "file",
      durationSeconds: Math.round((stockholm(PAST_FORUM.endsAt).getTime() - startsAt.getTime()) / 1000),
      publishedAt: stockholm(PAST_FORUM.endsAt),
      chapters: { create: PAST_FORUM.agenda.map((item) => ({ startSeconds: item.offsetMinutes * 60, title: item.title })) },
    },
  });
  created.push("inspelning från forumet 6 maj 2021");
}
