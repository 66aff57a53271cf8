import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { eventBasicsSelect } from "./event.server";

/** Read-only queries for calendar files and feeds. Never selects joinUrl. */
const calendarSelect = {
  ...eventBasicsSelect,
  status: true,
  publishedAt: true,
  updatedAt: true,
} satisfies Prisma.EventSelect;

export type CalendarEvent = Prisma.EventGetPayload<{ select: typeof calendarSelect }>;

/**
 * One event for its .ics file. Cancelled events that were once published are
 * included (as STATUS:CANCELLED), so a calendar that imported them learns it.
 */
export async function getCalendarEvent(slug: string): Promise<CalendarEvent | null> {
  return prisma.event.findFirst({
    where: { slug, OR: [{ status: "published" }, { status: "cancelled", publishedAt: { not: null } }] },
    select: calendarSelect,
  });
}

/** Published forums that have not ended, soonest first. */
export async function listUpcomingCalendarEvents(now: Date = new Date()): Promise<CalendarEvent[]> {
  return prisma.event.findMany({ where: { status: "published", endsAt: { gte: now } }, orderBy: { startsAt: "asc" }, select: calendarSelect, take: 200 });
}
