import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { parseVideoUrl } from "~/utils/video";
import {
  addChapter,
  addMaterial,
  deleteMaterial,
  getMaterialFile,
  getPublicRecording,
  getRecordingForEdit,
  listPublishedRecordings,
  listRecordingTags,
  saveRecording,
  updateChapter,
} from "./recording.server";

let actorId = "";
let n = 0;
const youtube = parseVideoUrl("https://youtu.be/dQw4w9WgXcQ")!;

beforeAll(async () => {
  actorId = (await prisma.user.create({ data: { email: "org@rec.example", name: "Org", role: "organizer" }, select: { id: true } })).id;
  await prisma.tag.create({ data: { slug: "iot", name: "IoT", kind: "area" } });
  await prisma.tag.create({ data: { slug: "bi", name: "BI", kind: "area" } });
});

async function event({ startsAt, status = "published", tags = [] as string[] }: { startsAt: string; status?: string; tags?: string[] }) {
  const start = new Date(startsAt);
  return prisma.event.create({
    data: {
      slug: `forum-${++n}`,
      title: `Forum ${n}`,
      startsAt: start,
      endsAt: new Date(start.getTime() + 90 * 60_000),
      status,
      tags: { create: tags.map((slug) => ({ tag: { connect: { slug } } })) },
    },
    select: { id: true, slug: true },
  });
}

describe("saveRecording", () => {
  it("refuses a forum that has not ended yet", async () => {
    const future = await event({ startsAt: "2099-01-01T12:00:00Z" });
    const result = await saveRecording(actorId, future.id, { source: youtube, durationSeconds: 5400, captionsUrl: null, publish: true });
    expect(result).toMatchObject({ ok: false, field: "videoUrl" });
    expect(await prisma.recording.count({ where: { eventId: future.id } })).toBe(0);
  });

  it("adds, then edits, the recording of a past forum with an audit row each time", async () => {
    const past = await event({ startsAt: "2021-05-06T11:00:00Z" });
    expect((await saveRecording(actorId, past.id, { source: youtube, durationSeconds: 5400, captionsUrl: "https://x.example/a.vtt", publish: false })).ok).toBe(
      true,
    );
    let rec = (await getRecordingForEdit(past.id))!.recording!;
    expect(rec).toMatchObject({ provider: "youtube", videoUrl: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", captionsUrl: null, publishedAt: null });
    expect(await getPublicRecording(past.id)).toBeNull();

    const file = parseVideoUrl("https://media.kommun.example/forum.mp4")!;
    await saveRecording(actorId, past.id, { source: file, durationSeconds: 5400, captionsUrl: "https://media.kommun.example/forum.vtt", publish: true });
    rec = (await getRecordingForEdit(past.id))!.recording!;
    expect(rec).toMatchObject({ provider: "file", captionsUrl: "https://media.kommun.example/forum.vtt" });
    expect(rec.publishedAt).not.toBeNull();
    expect(await getPublicRecording(past.id)).not.toBeNull();
    const actions = await prisma.auditLog.findMany({ where: { entityId: rec.id }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["recording.create", "recording.update"]);
  });
});

describe("chapters and materials", () => {
  it("orders chapters by time and refuses one after the end of the video", async () => {
    const past = await event({ startsAt: "2021-06-01T11:00:00Z" });
    expect(await addChapter(actorId, past.id, { startSeconds: 10, title: "X" })).toMatchObject({ ok: false, field: "form" });
    await saveRecording(actorId, past.id, { source: youtube, durationSeconds: 600, captionsUrl: null, publish: true });
    await addChapter(actorId, past.id, { startSeconds: 300, title: "Kristianstad" });
    await addChapter(actorId, past.id, { startSeconds: 0, title: "Välkommen" });
    expect(await addChapter(actorId, past.id, { startSeconds: 600, title: "För sent" })).toMatchObject({ ok: false, field: "chapterTime" });
    const rec = await getPublicRecording(past.id);
    expect(rec!.chapters.map((c) => [c.startSeconds, c.title])).toEqual([
      [0, "Välkommen"],
      [300, "Kristianstad"],
    ]);
  });

  it("edits an existing chapter's time and name, with the same end-of-video check and an audit row", async () => {
    const past = await event({ startsAt: "2021-06-02T11:00:00Z" });
    await saveRecording(actorId, past.id, { source: youtube, durationSeconds: 600, captionsUrl: null, publish: true });
    await addChapter(actorId, past.id, { startSeconds: 300, title: "Kristianstd" });
    const [chapter] = (await getRecordingForEdit(past.id))!.recording!.chapters;
    expect(await updateChapter(actorId, past.id, chapter!.id, { startSeconds: 600, title: "För sent" })).toMatchObject({ ok: false, field: "chapterTime" });
    expect(await updateChapter(actorId, past.id, chapter!.id, { startSeconds: 240, title: "Kristianstad" })).toEqual({ ok: true });
    expect((await getPublicRecording(past.id))!.chapters.map((c) => [c.startSeconds, c.title])).toEqual([[240, "Kristianstad"]]);
    expect(await prisma.auditLog.count({ where: { action: "recording.chapter.update", entityId: chapter!.id } })).toBe(1);

    const other = await event({ startsAt: "2021-06-03T11:00:00Z" });
    await saveRecording(actorId, other.id, { source: youtube, durationSeconds: null, captionsUrl: null, publish: true });
    expect(await updateChapter(actorId, other.id, chapter!.id, { startSeconds: 1, title: "Fel forum" })).toMatchObject({ ok: false, field: "form" });
  });

  it("takes materials before the video exists, without publishing anything, and keeps them when the video comes", async () => {
    const past = await event({ startsAt: "2021-06-04T11:00:00Z" });
    expect(await addMaterial(actorId, past.id, { kind: "link", title: "Bilderna", url: "https://kommun.example/bilder.pdf" })).toEqual({ ok: true });
    let rec = (await getRecordingForEdit(past.id))!.recording!;
    expect(rec).toMatchObject({ videoUrl: "", publishedAt: null });
    expect(rec.materials.map((m) => m.title)).toEqual(["Bilderna"]);
    expect(await getPublicRecording(past.id)).toBeNull();
    expect(await addChapter(actorId, past.id, { startSeconds: 10, title: "Utan video" })).toMatchObject({ ok: false, field: "form" });

    await saveRecording(actorId, past.id, { source: youtube, durationSeconds: null, captionsUrl: null, publish: true });
    // The log says the recording was put up (not "changed"): the row without a video was no recording yet.
    expect(await prisma.auditLog.count({ where: { action: "recording.create", entityId: rec.id } })).toBe(1);
    rec = (await getPublicRecording(past.id))!;
    expect(rec).toMatchObject({ provider: "youtube" });
    expect(rec.materials.map((m) => m.title)).toEqual(["Bilderna"]);
  });

  it("serves material files publicly only for a published recording", async () => {
    const past = await event({ startsAt: "2021-07-01T11:00:00Z" });
    await saveRecording(actorId, past.id, { source: youtube, durationSeconds: null, captionsUrl: null, publish: false });
    await addMaterial(actorId, past.id, { kind: "file", title: "Bilder", filePath: `${"a".repeat(32)}.pdf`, mimeType: "application/pdf", sizeBytes: 10 });
    const material = (await getRecordingForEdit(past.id))!.recording!.materials[0]!;
    expect(await getMaterialFile(material.id)).toBeNull();
    expect(await getMaterialFile(material.id, { allowUnpublished: true })).toMatchObject({ title: "Bilder" });
    await saveRecording(actorId, past.id, { source: youtube, durationSeconds: null, captionsUrl: null, publish: true });
    expect(await getMaterialFile(material.id)).toMatchObject({ filePath: `${"a".repeat(32)}.pdf` });

    const deleted = await deleteMaterial(actorId, past.id, material.id);
    expect(deleted).toEqual({ ok: true, filePath: `${"a".repeat(32)}.pdf` });
    expect(await getMaterialFile(material.id, { allowUnpublished: true })).toBeNull();
  });
});

describe("the archive", () => {
  it("lists published recordings of published forums, newest first, filtered by area", async () => {
    await prisma.recording.deleteMany();
    const older = await event({ startsAt: "2022-01-10T12:00:00Z", tags: ["iot"] });
    const newer = await event({ startsAt: "2023-01-10T12:00:00Z", tags: ["bi", "iot"] });
    const draft = await event({ startsAt: "2024-01-10T12:00:00Z", status: "draft", tags: ["bi"] });
    const unpublished = await event({ startsAt: "2024-02-10T12:00:00Z", tags: ["bi"] });
    for (const e of [older, newer, draft]) await saveRecording(actorId, e.id, { source: youtube, durationSeconds: 60, captionsUrl: null, publish: true });
    await saveRecording(actorId, unpublished.id, { source: youtube, durationSeconds: 60, captionsUrl: null, publish: false });

    expect((await listPublishedRecordings()).map((r) => r.event.slug)).toEqual([newer.slug, older.slug]);
    expect((await listPublishedRecordings({ tagSlug: "bi" })).map((r) => r.event.slug)).toEqual([newer.slug]);
    expect((await listPublishedRecordings({ tagSlug: "iot" })).map((r) => r.event.slug)).toEqual([newer.slug, older.slug]);
    expect((await listPublishedRecordings({ tagSlug: "iot" }))[1]!.event.tags).toEqual([{ slug: "iot", name: "IoT" }]);
    expect((await listRecordingTags()).map((t) => t.slug)).toEqual(["bi", "iot"]);
  });
});
