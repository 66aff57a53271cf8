import { recordAudit } from "~/models/audit.server";
import { lockEventSeats } from "~/models/locks.server";
import { enqueueEmail } from "./outbox.server";
import { prisma } from "~/utils/db.server";
import { eventCancelledTemplate } from "~/utils/forum-email-templates.server";
import { renderForWrite } from "~/utils/markdown.server";
import { fail, Refusal, refusable, type Failure, type Result } from "~/utils/result";
import { slugify } from "~/utils/slug";
import type { EventInput } from "~/validation/event";
import { isUniqueViolation, transaction, type Tx } from "./transaction.server";

/**
 * The organizer's side of forums: every event whatever its status, and the changes
 * to them (the programme, agenda and speakers: event-program.server.ts). Each change
 * and its audit row commit in one transaction. Callers have already checked the
 * role (requireRole "organizer").
 */

export type EventStatus = "draft" | "published" | "cancelled";

/** The seats/capacity trigger of the first migration; the driver adapter reports it as P2003. */
function isCapacityTrigger(error: unknown): boolean {
  const adapterError = (error as { meta?: { driverAdapterError?: { cause?: { originalMessage?: string } } } } | null)?.meta?.driverAdapterError;
  const text = [adapterError?.cause?.originalMessage, error instanceof Error ? error.message : ""].join(" ");
  // SQLite: the trigger in prisma/sqlite/Event.sql; PostgreSQL: the CHECK constraint of the same name.
  return /seatsTaken must be between 0 and capacity|Event_seats_within_capacity/.test(text);
}

/** refusable(), plus the answers to a taken address and a capacity below the seats taken. */
export async function refusableEventChange<T>(work: () => Promise<T>): Promise<T | Failure> {
  try {
    return await refusable(work);
  } catch (error) {
    if (isUniqueViolation(error)) {
      return fail("slug", "Adressnamnet används redan av ett annat forum. Välj ett annat.");
    }
    if (isCapacityTrigger(error)) {
      return fail("capacity", "Antalet platser kan inte vara lägre än antalet som redan är anmälda.");
    }
    throw error;
  }
}

const CAPACITY_MESSAGE = (taken: number) =>
  `${taken} ${taken === 1 ? "person har" : "personer har"} redan fått plats. Antalet platser kan inte vara lägre än ${taken}.`;

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

export async function listEventsForOrganizer() {
  return prisma.event.findMany({
    orderBy: { startsAt: "desc" },
    select: {
      id: true,
      slug: true,
      title: true,
      startsAt: true,
      endsAt: true,
      status: true,
      capacity: true,
      seatsTaken: true,
      recording: { select: { id: true, publishedAt: true } },
    },
  });
}

export async function getEventForEdit(id: string) {
  return prisma.event.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      descriptionMd: true,
      startsAt: true,
      endsAt: true,
      format: true,
      location: true,
      joinUrl: true,
      capacity: true,
      seatsTaken: true,
      registrationDeadline: true,
      status: true,
      publishedAt: true,
      cancelledAt: true,
      tags: { select: { tagId: true } },
      agenda: {
        orderBy: [{ position: "asc" }, { startsAt: "asc" }],
        select: { id: true, startsAt: true, title: true, speakerId: true, position: true, speaker: { select: { name: true } } },
      },
      speakers: {
        orderBy: { position: "asc" },
        select: { id: true, name: true, title: true, organisationName: true, municipalityCode: true, bio: true, position: true },
      },
      recording: { select: { id: true } },
    },
  });
}

export type EventForEdit = NonNullable<Awaited<ReturnType<typeof getEventForEdit>>>;

export async function listAreaTags() {
  return prisma.tag.findMany({ where: { kind: "area" }, orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } });
}

/** A free slug based on the title: "kommunforum-maj", then "kommunforum-maj-2", … */
export async function suggestSlug(title: string, exceptId?: string): Promise<string> {
  const base = slugify(title) || "forum";
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const existing = await prisma.event.findUnique({ where: { slug: candidate }, select: { id: true } });
    if (!existing || existing.id === exceptId) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}

// ---------------------------------------------------------------------------
// Create and edit
// ---------------------------------------------------------------------------

/** The event's fields to store; `descriptionHtml` is the description rendered before the transaction. */
function eventData(input: EventInput, slug: string, descriptionHtml: string) {
  return {
    slug,
    title: input.title,
    summary: input.summary,
    descriptionMd: input.descriptionMd,
    descriptionHtml,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    format: input.format,
    location: input.location,
    joinUrl: input.joinUrl,
    capacity: input.capacity,
    registrationDeadline: input.registrationDeadline,
  };
}

async function checkTags(tx: Tx, tagIds: string[]) {
  const unique = [...new Set(tagIds)];
  if (!unique.length) return unique;
  const found = await tx.tag.count({ where: { id: { in: unique }, kind: "area" } });
  if (found !== unique.length) throw new Refusal("tagIds", "Välj bland de områden som finns.");
  return unique;
}

/** Creates a draft. An empty slug is generated from the title. */
export async function createEvent(actorId: string, input: EventInput): Promise<Result<{ id: string; slug: string }>> {
  const description = renderForWrite(input.descriptionMd);
  if (!description.ok) return fail("descriptionMd", description.message);
  const slug = input.slug || (await suggestSlug(input.title));
  return refusableEventChange(() =>
    transaction(async (tx) => {
      const tagIds = await checkTags(tx, input.tagIds);
      const event = await tx.event.create({
        data: { ...eventData(input, slug, description.html), status: "draft", tags: { create: tagIds.map((tagId) => ({ tagId })) } },
        select: { id: true, slug: true },
      });
      await recordAudit(tx, { actorId, action: "event.create", entityType: "Event", entityId: event.id, detail: { slug, title: input.title } });
      return { ok: true as const, ...event };
    }),
  );
}

export async function updateEvent(actorId: string, id: string, input: EventInput): Promise<Result<{ slug: string }>> {
  const description = renderForWrite(input.descriptionMd);
  if (!description.ok) return fail("descriptionMd", description.message);
  const slug = input.slug || (await suggestSlug(input.title, id));
  return refusableEventChange(() =>
    transaction(async (tx) => {
      const current = await tx.event.findUnique({ where: { id }, select: { seatsTaken: true, capacity: true, slug: true } });
      if (!current) throw new Refusal("form", "Forumet finns inte längre.");
      if (input.capacity !== null && input.capacity < current.seatsTaken) throw new Refusal("capacity", CAPACITY_MESSAGE(current.seatsTaken));
      await tx.event.update({ where: { id }, data: eventData(input, slug, description.html) });
      await tx.eventTag.deleteMany({ where: { eventId: id } });
      // Checked after the event row is written on purpose: a bad tag rolls the whole change back.
      const tagIds = await checkTags(tx, input.tagIds);
      if (tagIds.length) await tx.eventTag.createMany({ data: tagIds.map((tagId) => ({ eventId: id, tagId })) });
      await recordAudit(tx, {
        actorId,
        action: "event.update",
        entityType: "Event",
        entityId: id,
        detail: { slug, previousSlug: current.slug !== slug ? current.slug : undefined, capacity: input.capacity, tagIds },
      });
      return { ok: true as const, slug };
    }),
  );
}

// ---------------------------------------------------------------------------
// Status: publish, unpublish, cancel
// ---------------------------------------------------------------------------

export async function publishEvent(actorId: string, id: string, now = new Date()): Promise<Result> {
  return refusableEventChange(() =>
    transaction(async (tx) => {
      const event = await tx.event.findUnique({ where: { id }, select: { status: true, publishedAt: true } });
      if (!event) throw new Refusal("form", "Forumet finns inte längre.");
      if (event.status === "cancelled") throw new Refusal("form", "Forumet är inställt och kan inte publiceras igen. Skapa ett nytt forum i stället.");
      if (event.status === "published") return { ok: true as const };
      await tx.event.update({ where: { id }, data: { status: "published", publishedAt: event.publishedAt ?? now } });
      await recordAudit(tx, { actorId, action: "event.publish", entityType: "Event", entityId: id });
      return { ok: true as const };
    }),
  );
}

export async function unpublishEvent(actorId: string, id: string): Promise<Result> {
  return refusableEventChange(() =>
    transaction(async (tx) => {
      const event = await tx.event.findUnique({ where: { id }, select: { status: true } });
      if (!event) throw new Refusal("form", "Forumet finns inte längre.");
      if (event.status !== "published") throw new Refusal("form", "Bara ett publicerat forum kan avpubliceras.");
      await tx.event.update({ where: { id }, data: { status: "draft" } });
      await recordAudit(tx, { actorId, action: "event.unpublish", entityType: "Event", entityId: id });
      return { ok: true as const };
    }),
  );
}

/**
 * Cancels the event and queues one email to every confirmed and waitlisted
 * registrant, all in one transaction: either everyone is told or nothing changes.
 */
export async function cancelEvent(actorId: string, id: string, appUrl: string, now = new Date()): Promise<Result<{ emailed: number }>> {
  return refusableEventChange(() =>
    transaction(async (tx) => {
      // PostgreSQL: the seats lock, so a second click waits and then sees "cancelled", and a
      // registration in progress finishes first and its registrant is mailed (SQLite: no-op).
      await lockEventSeats(tx, id);
      const event = await tx.event.findUnique({ where: { id }, select: { status: true, title: true, startsAt: true, endsAt: true } });
      if (!event) throw new Refusal("form", "Forumet finns inte längre.");
      if (event.status === "cancelled") throw new Refusal("form", "Forumet är redan inställt.");
      if (event.endsAt < now) throw new Refusal("form", "Forumet har redan ägt rum och kan inte ställas in.");
      await tx.event.update({ where: { id }, data: { status: "cancelled", cancelledAt: now } });
      const registrants = await tx.registration.findMany({
        where: { eventId: id, status: { in: ["confirmed", "waitlisted"] } },
        orderBy: { createdAt: "asc" },
        select: { id: true, email: true, name: true },
      });
      for (const r of registrants) {
        const mail = eventCancelledTemplate({ name: r.name, eventTitle: event.title, startsAt: event.startsAt, forumUrl: new URL("/forum", appUrl).href });
        await enqueueEmail({ to: r.email, ...mail, kind: "event-cancelled", dedupeKey: `event-cancelled:${id}:${r.id}` }, tx);
      }
      await recordAudit(tx, { actorId, action: "event.cancel", entityType: "Event", entityId: id, detail: { emailed: registrants.length } });
      return { ok: true as const, emailed: registrants.length };
    }),
  );
}
