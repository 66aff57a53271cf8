import { lockEventOrganizing } from "~/models/locks.server";
import { fromStockholmInputValue, toStockholmInputValue } from "~/utils/format";
import { Refusal, type Result } from "~/utils/result";
import type { AgendaItemInput, SpeakerInput } from "~/validation/event";
import { recordAudit } from "./audit.server";
import { refusableEventChange } from "./event-admin.server";
import { transaction, type Tx } from "./transaction.server";

/**
 * A forum's programme, the organizer's side: agenda items and speakers, edited in
 * place on the event page, each change audited in its own transaction. Callers
 * have checked the role.
 */

/** "13:10" on the event's own day, Stockholm time. */
export function agendaStart(eventStartsAt: Date, time: string): Date | null {
  const day = toStockholmInputValue(eventStartsAt).slice(0, 10);
  return fromStockholmInputValue(`${day}T${time}`);
}

async function requireSpeakerOfEvent(tx: Tx, eventId: string, speakerId: string | null) {
  if (!speakerId) return;
  const speaker = await tx.speaker.findFirst({ where: { id: speakerId, eventId }, select: { id: true } });
  if (!speaker) throw new Refusal("agendaSpeakerId", "Välj en talare i listan.");
}

async function eventStart(tx: Tx, eventId: string) {
  const event = await tx.event.findUnique({ where: { id: eventId }, select: { startsAt: true } });
  if (!event) throw new Refusal("form", "Forumet finns inte längre.");
  return event.startsAt;
}

export async function addAgendaItem(actorId: string, eventId: string, input: AgendaItemInput): Promise<Result> {
  return refusableEventChange(() =>
    transaction(async (tx) => {
      const startsAt = agendaStart(await eventStart(tx, eventId), input.agendaTime);
      if (!startsAt) throw new Refusal("agendaTime", "Tiden finns inte den dagen (sommartid). Välj en annan tid.");
      await requireSpeakerOfEvent(tx, eventId, input.agendaSpeakerId);
      await lockEventOrganizing(tx, eventId); // PostgreSQL: one "last position + 1" at a time (SQLite: no-op)
      const last = await tx.agendaItem.aggregate({ where: { eventId }, _max: { position: true } });
      const item = await tx.agendaItem.create({
        data: { eventId, startsAt, title: input.agendaTitle, speakerId: input.agendaSpeakerId, position: (last._max.position ?? -1) + 1 },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId,
        action: "event.agenda.add",
        entityType: "AgendaItem",
        entityId: item.id,
        detail: { eventId, title: input.agendaTitle },
      });
      return { ok: true as const };
    }),
  );
}

export async function updateAgendaItem(actorId: string, eventId: string, itemId: string, input: AgendaItemInput): Promise<Result> {
  return refusableEventChange(() =>
    transaction(async (tx) => {
      const startsAt = agendaStart(await eventStart(tx, eventId), input.agendaTime);
      if (!startsAt) throw new Refusal("agendaTime", "Tiden finns inte den dagen (sommartid). Välj en annan tid.");
      await requireSpeakerOfEvent(tx, eventId, input.agendaSpeakerId);
      const { count } = await tx.agendaItem.updateMany({
        where: { id: itemId, eventId },
        data: { startsAt, title: input.agendaTitle, speakerId: input.agendaSpeakerId },
      });
      if (!count) throw new Refusal("form", "Programpunkten finns inte längre. Ladda om sidan.");
      await recordAudit(tx, { actorId, action: "event.agenda.update", entityType: "AgendaItem", entityId: itemId, detail: { eventId } });
      return { ok: true as const };
    }),
  );
}

export async function deleteAgendaItem(actorId: string, eventId: string, itemId: string): Promise<Result> {
  return refusableEventChange(() =>
    transaction(async (tx) => {
      const { count } = await tx.agendaItem.deleteMany({ where: { id: itemId, eventId } });
      if (!count) throw new Refusal("form", "Programpunkten finns inte längre. Ladda om sidan.");
      await recordAudit(tx, { actorId, action: "event.agenda.delete", entityType: "AgendaItem", entityId: itemId, detail: { eventId } });
      return { ok: true as const };
    }),
  );
}

type Positioned = { id: string };

/** Swaps a row with its neighbour and renumbers the list 0..n-1. */
function reorder<T extends Positioned>(rows: T[], id: string, direction: "up" | "down"): T[] | null {
  const index = rows.findIndex((r) => r.id === id);
  if (index < 0) return null;
  const other = direction === "up" ? index - 1 : index + 1;
  if (other < 0 || other >= rows.length) return rows;
  const copy = [...rows];
  [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  return copy;
}

export async function moveAgendaItem(actorId: string, eventId: string, itemId: string, direction: "up" | "down"): Promise<Result> {
  return refusableEventChange(() =>
    transaction(async (tx) => {
      const rows = await tx.agendaItem.findMany({ where: { eventId }, orderBy: [{ position: "asc" }, { startsAt: "asc" }], select: { id: true } });
      const ordered = reorder(rows, itemId, direction);
      if (!ordered) throw new Refusal("form", "Programpunkten finns inte längre. Ladda om sidan.");
      for (const [position, row] of ordered.entries()) await tx.agendaItem.update({ where: { id: row.id }, data: { position } });
      await recordAudit(tx, { actorId, action: "event.agenda.move", entityType: "AgendaItem", entityId: itemId, detail: { eventId, direction } });
      return { ok: true as const };
    }),
  );
}

async function requireMunicipality(tx: Tx, code: string | null) {
  if (!code) return;
  const found = await tx.municipality.findUnique({ where: { code }, select: { code: true } });
  if (!found) throw new Refusal("speakerMunicipalityCode", "Välj en kommun i listan.");
}

function speakerData(input: SpeakerInput) {
  return {
    name: input.speakerName,
    title: input.speakerTitle,
    organisationName: input.speakerOrganisation,
    municipalityCode: input.speakerMunicipalityCode,
    bio: input.speakerBio,
  };
}

export async function addSpeaker(actorId: string, eventId: string, input: SpeakerInput): Promise<Result> {
  return refusableEventChange(() =>
    transaction(async (tx) => {
      await eventStart(tx, eventId);
      await requireMunicipality(tx, input.speakerMunicipalityCode);
      await lockEventOrganizing(tx, eventId); // PostgreSQL: one "last position + 1" at a time (SQLite: no-op)
      const last = await tx.speaker.aggregate({ where: { eventId }, _max: { position: true } });
      const speaker = await tx.speaker.create({
        data: { eventId, ...speakerData(input), position: (last._max.position ?? -1) + 1 },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId,
        action: "event.speaker.add",
        entityType: "Speaker",
        entityId: speaker.id,
        detail: { eventId, name: input.speakerName },
      });
      return { ok: true as const };
    }),
  );
}

export async function updateSpeaker(actorId: string, eventId: string, speakerId: string, input: SpeakerInput): Promise<Result> {
  return refusableEventChange(() =>
    transaction(async (tx) => {
      await requireMunicipality(tx, input.speakerMunicipalityCode);
      const { count } = await tx.speaker.updateMany({ where: { id: speakerId, eventId }, data: speakerData(input) });
      if (!count) throw new Refusal("form", "Talaren finns inte längre. Ladda om sidan.");
      await recordAudit(tx, { actorId, action: "event.speaker.update", entityType: "Speaker", entityId: speakerId, detail: { eventId } });
      return { ok: true as const };
    }),
  );
}

export async function deleteSpeaker(actorId: string, eventId: string, speakerId: string): Promise<Result> {
  return refusableEventChange(() =>
    transaction(async (tx) => {
      // Agenda items keep their place; they just lose the speaker (onDelete: SetNull).
      const { count } = await tx.speaker.deleteMany({ where: { id: speakerId, eventId } });
      if (!count) throw new Refusal("form", "Talaren finns inte längre. Ladda om sidan.");
      await recordAudit(tx, { actorId, action: "event.speaker.delete", entityType: "Speaker", entityId: speakerId, detail: { eventId } });
      return { ok: true as const };
    }),
  );
}

export async function moveSpeaker(actorId: string, eventId: string, speakerId: string, direction: "up" | "down"): Promise<Result> {
  return refusableEventChange(() =>
    transaction(async (tx) => {
      const rows = await tx.speaker.findMany({ where: { eventId }, orderBy: { position: "asc" }, select: { id: true } });
      const ordered = reorder(rows, speakerId, direction);
      if (!ordered) throw new Refusal("form", "Talaren finns inte längre. Ladda om sidan.");
      for (const [position, row] of ordered.entries()) await tx.speaker.update({ where: { id: row.id }, data: { position } });
      await recordAudit(tx, { actorId, action: "event.speaker.move", entityType: "Speaker", entityId: speakerId, detail: { eventId, direction } });
      return { ok: true as const };
    }),
  );
}
