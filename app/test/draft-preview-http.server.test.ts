// An organizer's preview of a draft forum, case and article (issue 17) over HTTP
// against the production build: the public page itself, with a banner, for an
// organizer only; a member and an anonymous visitor get 404, and no cache keeps it.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./app-server";
import { httpFixtures } from "./http-fixtures";
import { buildExists } from "./route-manifest";

let app: AppServer;
const { sql, member, get } = httpFixtures(() => app);
const rid = (prefix: string) => `${prefix}${crypto.randomBytes(8).toString("hex")}`;
const BANNER = "Förhandsgranskning – sidan är inte publicerad";

async function draftEvent(title: string) {
  const id = rid("dp");
  const startsAt = new Date(Date.now() + 14 * 24 * 3600_000);
  const now = new Date();
  await sql(`INSERT INTO "Event" ("id", "slug", "title", "startsAt", "endsAt", "status", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, 'draft', ?, ?)`, [
    id,
    id,
    title,
    startsAt,
    new Date(+startsAt + 90 * 60_000),
    now,
    now,
  ]);
  return { id, href: `/forum/${id}`, publish: () => sql(`UPDATE "Event" SET "status" = 'published' WHERE "id" = ?`, [id]) };
}

async function draftCase(title: string) {
  const id = rid("dc");
  const now = new Date();
  await sql(
    `INSERT INTO "Case" ("id", "slug", "title", "bodyHtml", "status", "createdAt", "updatedAt") VALUES (?, ?, ?, '<p>Så gjorde vi.</p>', 'draft', ?, ?)`,
    [id, id, title, now, now],
  );
  return { id, href: `/case/${id}`, publish: () => sql(`UPDATE "Case" SET "status" = 'published', "publishedAt" = ? WHERE "id" = ?`, [new Date(), id]) };
}

async function draftArticle(title: string) {
  const id = rid("da");
  const now = new Date();
  await sql(
    `INSERT INTO "Article" ("id", "slug", "title", "bodyHtml", "status", "createdAt", "updatedAt") VALUES (?, ?, ?, '<p>En spaning.</p>', 'draft', ?, ?)`,
    [id, id, title, now, now],
  );
  return {
    id,
    href: `/spaningar/${id}`,
    publish: () => sql(`UPDATE "Article" SET "status" = 'published', "publishedAt" = ? WHERE "id" = ?`, [new Date(), id]),
  };
}

describe.skipIf(!buildExists())("an organizer's preview of a draft over HTTP", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "draft-preview-http" });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ["forum", draftEvent],
    ["case", draftCase],
    ["article", draftArticle],
  ] as const)("a draft %s is a 404 for a member and an anonymous visitor, and the page with a banner for an organizer", async (_kind, create) => {
    const title = `Utkastet ${rid("")}`;
    const draft = await create(title);
    const [organizer, someone] = await Promise.all([member({ role: "organizer" }), member()]);

    for (const cookie of [undefined, someone.cookie]) {
      const refused = await get(draft.href, { cookie });
      expect(refused.status).toBe(404);
      expect(await refused.text()).not.toContain(title);
    }
    const preview = await get(draft.href, { cookie: organizer.cookie });
    expect(preview.status).toBe(200);
    expect(preview.headers.get("cache-control")).toBe("private, no-store");
    const html = await preview.text();
    expect(html).toContain(BANNER);
    expect(html).toContain(title);
    await draft.publish();
    for (const cookie of [undefined, organizer.cookie]) {
      const published = await get(draft.href, { cookie });
      expect(published.status).toBe(200);
      const page = await published.text();
      expect(page).toContain(title);
      expect(page).not.toContain(BANNER);
    }
  });
});
