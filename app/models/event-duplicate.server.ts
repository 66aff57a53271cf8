import { prisma } from "~/utils/db.server";
import { fromStockholmInputValue, toStockholmInputValue } from "~/utils/format";
import { fail, type Result } from "~/utils/result";
import { recordAudit } from "./audit.server";
import { suggestSlug } from "./event-admin.server";
import { transaction } from "./transaction.server";

/**
 * "Duplicate as next forum": a new draft with the forum's texts, settings, tags,
 * speakers and programme, moved to a new day at the same time of day (the
 * programme and the registration deadline move with it). The meeting link is
 * not copied: the next forum gets a link of its own.
 */
export async function duplicateEvent(actorId: string, eventId: string, day: string, now: Date = new Date()): Promise<Result<{ id: string }>> {
  const source = await prisma.event.findUnique({
    where: { id: eventId },
    select: {
      title: true,
      summary: true,
      descriptionMd: true,
      descriptionHtml: true,
      startsAt: true,
      endsAt: true,
      format: true,
      location: true,
      capacity: true,
      registrationDeadline: true,
      tags: { select: { tagId: true } },
      speakers: {
        orderBy: { position: "asc" },
        select: { id: true, name: true, title: true, organisationName: true, municipalityCode: true, bio: true, position: true },
      },
      agenda: { orderBy: { position: "asc" }, select: { startsAt: true, title: true, speakerId: true, position: true } },
    },
  });
  if (!source) return fail("form", "Forumet finns inte längre.");
  const time = toStockholmInputValue(source.startsAt).slice(11);
  const startsAt = /^\d{4}-\d{2}-\d{2}$/.test(day) ? fromStockholmInputValue(`${day}T${time}`) : null;
  if (!startsAt) return fail("nextDate", "Skriv dagen för nästa forum som ÅÅÅÅ-MM-DD.");
  if (startsAt <= now) return fail("nextDate", "Välj en dag som inte har varit än.");
  const shift = (d: Date) => new Date(d.getTime() + (startsAt.getTime() - source.startsAt.getTime()));
  const slug = await suggestSlug(source.title);
  return transaction(async (tx) => {
    const event = await tx.event.create({
      data: {
        slug,
        title: source.title,
        summary: source.summary,
        descriptionMd: source.descriptionMd,
        descriptionHtml: source.descriptionHtml,
        startsAt,
        endsAt: shift(source.endsAt),
        format: source.format,
        location: source.location,
        capacity: source.capacity,
        registrationDeadline: source.registrationDeadline ? shift(source.registrationDeadline) : null,
        status: "draft",
        tags: { create: source.tags.map((t) => ({ tagId: t.tagId })) },
      },
      select: { id: true },
    });
    const speakerIds = new Map<string, string>();
    for (const { id, ...speaker } of source.speakers) {
      const created = await tx.speaker.create({ data: { ...speaker, eventId: event.id }, select: { id: true } });
      speakerIds.set(id, created.id);
    }
    await tx.agendaItem.createMany({
      data: source.agenda.map((a) => ({
        eventId: event.id,
        startsAt: shift(a.startsAt),
        title: a.title,
        position: a.position,
        speakerId: a.speakerId ? (speakerIds.get(a.speakerId) ?? null) : null,
      })),
    });
    await recordAudit(tx, { actorId, action: "event.duplicate", entityType: "Event", entityId: event.id, detail: { from: eventId, slug } });
    return { ok: true as const, id: event.id };
  });
}
