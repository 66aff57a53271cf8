import type { Prisma } from "@prisma/client";
import { recordAudit } from "~/models/audit.server";
import { lockEventOrganizing } from "~/models/locks.server";
import { prisma } from "~/utils/db.server";
import type { Result } from "~/utils/result";
import { eventHref } from "~/utils/links";
import { appUrl } from "~/utils/signed-links.server";
import type { VideoSource } from "~/utils/video";
import { transaction, type Tx } from "./transaction.server";

/**
 * Recordings of past forums: the video, its chapters and its materials (uploaded
 * slides or links). Organizer changes write an audit row in the same transaction.
 * A recording is public when it has a publishedAt in the past and its event is published.
 */

const recordingSelect = {
  id: true,
  videoUrl: true,
  provider: true,
  durationSeconds: true,
  captionsUrl: true,
  publishedAt: true,
  chapters: { orderBy: { startSeconds: "asc" }, select: { id: true, startSeconds: true, title: true } },
  materials: {
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, title: true, kind: true, url: true, mimeType: true, sizeBytes: true },
  },
} satisfies Prisma.RecordingSelect;

export type RecordingDetail = Prisma.RecordingGetPayload<{ select: typeof recordingSelect }>;

// ---------------------------------------------------------------------------
// Organizer
// ---------------------------------------------------------------------------

export async function getRecordingForEdit(eventId: string) {
  return prisma.event.findUnique({
    where: { id: eventId },
    select: { id: true, slug: true, title: true, startsAt: true, endsAt: true, status: true, recording: { select: recordingSelect } },
  });
}

export type RecordingSettings = {
  source: VideoSource;
  durationSeconds: number | null;
  captionsUrl: string | null;
  publish: boolean;
};

/** Adds or changes the recording. Only a forum that has ended can have one. */
export async function saveRecording(actorId: string, eventId: string, input: RecordingSettings, now = new Date()): Promise<Result> {
  return transaction(async (tx) => {
    const event = await tx.event.findUnique({
      where: { id: eventId },
      select: { endsAt: true, recording: { select: { id: true, publishedAt: true, videoUrl: true } } },
    });
    if (!event) return { ok: false, field: "form", message: "Forumet finns inte längre." };
    if (event.endsAt > now) return { ok: false, field: "videoUrl", message: "Inspelningen kan läggas till först när forumet är slut." };
    const publishedAt = input.publish ? (event.recording?.publishedAt ?? now) : null;
    const data = {
      videoUrl: input.source.url,
      provider: input.source.provider,
      durationSeconds: input.durationSeconds,
      captionsUrl: input.source.provider === "file" ? input.captionsUrl : null,
      publishedAt,
    };
    const recording = await tx.recording.upsert({ where: { eventId }, create: { eventId, ...data }, update: data, select: { id: true } });
    await recordAudit(tx, {
      actorId,
      action: event.recording?.videoUrl ? "recording.update" : "recording.create",
      entityType: "Recording",
      entityId: recording.id,
      detail: { eventId, provider: data.provider, published: Boolean(publishedAt) },
    });
    return { ok: true };
  });
}

async function recordingIdOf(tx: Tx, eventId: string) {
  const recording = await tx.recording.findUnique({ where: { eventId }, select: { id: true } });
  return recording?.id ?? null;
}

const NO_RECORDING = { ok: false as const, field: "form", message: "Lägg till videon först. Sedan kan du lägga till kapitel." };

/**
 * Materials may come before the video (slides arrive the day after, the video a week later):
 * then the recording row is created without a video (videoUrl "", provider "none", never
 * published, since only saveRecording publishes and it always sets a real video).
 */
async function recordingIdForMaterial(tx: Tx, eventId: string) {
  const recording = await tx.recording.upsert({ where: { eventId }, create: { eventId, videoUrl: "", provider: "none" }, update: {}, select: { id: true } });
  return recording.id;
}

export async function addChapter(actorId: string, eventId: string, input: { startSeconds: number; title: string }): Promise<Result> {
  return transaction(async (tx) => {
    const recording = await tx.recording.findUnique({ where: { eventId }, select: { id: true, durationSeconds: true, videoUrl: true } });
    if (!recording?.videoUrl) return NO_RECORDING;
    if (recording.durationSeconds !== null && input.startSeconds >= recording.durationSeconds) {
      return { ok: false, field: "chapterTime", message: "Kapitlet börjar efter att videon har slutat. Kontrollera tiden." };
    }
    const chapter = await tx.chapter.create({ data: { recordingId: recording.id, ...input }, select: { id: true } });
    await recordAudit(tx, { actorId, action: "recording.chapter.add", entityType: "Chapter", entityId: chapter.id, detail: { eventId, ...input } });
    return { ok: true };
  });
}

/** Changes an existing chapter's time and name (same checks as adding one). */
export async function updateChapter(actorId: string, eventId: string, chapterId: string, input: { startSeconds: number; title: string }): Promise<Result> {
  return transaction(async (tx) => {
    const recording = await tx.recording.findUnique({ where: { eventId }, select: { id: true, durationSeconds: true } });
    if (recording?.durationSeconds != null && input.startSeconds >= recording.durationSeconds) {
      return { ok: false, field: "chapterTime", message: "Kapitlet börjar efter att videon har slutat. Kontrollera tiden." };
    }
    const { count } = recording ? await tx.chapter.updateMany({ where: { id: chapterId, recordingId: recording.id }, data: input }) : { count: 0 };
    if (!count) return { ok: false, field: "form", message: "Kapitlet finns inte längre. Ladda om sidan." };
    await recordAudit(tx, { actorId, action: "recording.chapter.update", entityType: "Chapter", entityId: chapterId, detail: { eventId, ...input } });
    return { ok: true };
  });
}

export async function deleteChapter(actorId: string, eventId: string, chapterId: string): Promise<Result> {
  return transaction(async (tx) => {
    const recordingId = await recordingIdOf(tx, eventId);
    const { count } = recordingId ? await tx.chapter.deleteMany({ where: { id: chapterId, recordingId } }) : { count: 0 };
    if (!count) return { ok: false, field: "form", message: "Kapitlet finns inte längre. Ladda om sidan." };
    await recordAudit(tx, { actorId, action: "recording.chapter.delete", entityType: "Chapter", entityId: chapterId, detail: { eventId } });
    return { ok: true };
  });
}

export type NewMaterial = { kind: "link"; title: string; url: string } | { kind: "file"; title: string; filePath: string; mimeType: string; sizeBytes: number };

export async function addMaterial(actorId: string, eventId: string, material: NewMaterial): Promise<Result> {
  return transaction(async (tx) => {
    await lockEventOrganizing(tx, eventId); // PostgreSQL: one "last position + 1" at a time (SQLite: no-op)
    const event = await tx.event.findUnique({ where: { id: eventId }, select: { id: true } });
    if (!event) return { ok: false, field: "form", message: "Forumet finns inte längre." };
    const recordingId = await recordingIdForMaterial(tx, eventId);
    const last = await tx.material.aggregate({ where: { recordingId }, _max: { position: true } });
    const row = await tx.material.create({
      data: { recordingId, position: (last._max.position ?? -1) + 1, ...material },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "recording.material.add",
      entityType: "Material",
      entityId: row.id,
      detail: { eventId, kind: material.kind, title: material.title },
    });
    return { ok: true };
  });
}

/** Deletes the row; returns the stored file name (if any) so the caller can remove the file after the commit. */
export async function deleteMaterial(actorId: string, eventId: string, materialId: string): Promise<Result<{ filePath: string | null }>> {
  return transaction(async (tx) => {
    const recordingId = await recordingIdOf(tx, eventId);
    const material = recordingId ? await tx.material.findFirst({ where: { id: materialId, recordingId }, select: { id: true, filePath: true } }) : null;
    if (!material) return { ok: false, field: "form", message: "Materialet finns inte längre. Ladda om sidan." };
    await tx.material.delete({ where: { id: material.id } });
    await recordAudit(tx, { actorId, action: "recording.material.delete", entityType: "Material", entityId: materialId, detail: { eventId } });
    return { ok: true, filePath: material.filePath };
  });
}

/** The suggested text of "the recording is available", filled into the registrations page's message form. */
export function recordingNoticeDraft(event: { slug: string; title: string }) {
  return {
    subject: "Inspelningen finns nu",
    body: `Tack för att du var med! Nu kan du se inspelningen från forumet igen, med kapitel och material:\n${appUrl(eventHref(event))}`,
  };
}

// ---------------------------------------------------------------------------
// Public
// ---------------------------------------------------------------------------

const publicRecordingWhere = (now: Date): Prisma.RecordingWhereInput => ({
  publishedAt: { lte: now },
  event: { status: "published", endsAt: { lt: now } },
});

export async function getPublicRecording(eventId: string, now = new Date()): Promise<RecordingDetail | null> {
  return prisma.recording.findFirst({ where: { eventId, ...publicRecordingWhere(now) }, select: recordingSelect });
}

/** Published recordings, newest forum first, optionally only forums tagged with one area. */
export async function listPublishedRecordings({ tagSlug }: { tagSlug?: string | null } = {}, now = new Date()) {
  const rows = await prisma.recording.findMany({
    where: {
      ...publicRecordingWhere(now),
      ...(tagSlug ? { event: { status: "published", endsAt: { lt: now }, tags: { some: { tag: { slug: tagSlug } } } } } : {}),
    },
    orderBy: { event: { startsAt: "desc" } },
    select: {
      id: true,
      provider: true,
      durationSeconds: true,
      _count: { select: { chapters: true, materials: true } },
      event: {
        select: {
          slug: true,
          title: true,
          summary: true,
          startsAt: true,
          tags: { orderBy: { tag: { name: "asc" } }, select: { tag: { select: { slug: true, name: true } } } },
        },
      },
    },
  });
  return rows.map(({ event, _count, ...r }) => ({
    ...r,
    chapterCount: _count.chapters,
    materialCount: _count.materials,
    event: { ...event, tags: event.tags.map((t) => t.tag) },
  }));
}

/** Area tags used by at least one published recording: the archive's filter options. */
export async function listRecordingTags(now = new Date()) {
  return prisma.tag.findMany({
    where: { kind: "area", events: { some: { event: { status: "published", recording: { is: publicRecordingWhere(now) } } } } },
    orderBy: { name: "asc" },
    select: { slug: true, name: true },
  });
}

/**
 * A material file for download. Public when its recording is; organizers may
 * fetch files of unpublished recordings (pass allowUnpublished).
 */
export async function getMaterialFile(id: string, { allowUnpublished = false, now = new Date() } = {}) {
  return prisma.material.findFirst({
    where: { id, kind: "file", ...(allowUnpublished ? {} : { recording: publicRecordingWhere(now) }) },
    select: { id: true, title: true, filePath: true, mimeType: true, sizeBytes: true },
  });
}
