// Verified affiliation over HTTP against the production build (ADR 012): the
// organizer's queue and domain pages, and the badge on the profile, on posts and
// in a municipality's member list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./app-server";
import { httpFixtures } from "./http-fixtures";
import { buildExists } from "./route-manifest";

let app: AppServer;
const { sql, member, get, post } = httpFixtures(() => app);
const BADGE = "Verifierad: Borlänge kommun";

const statusOf = async (id: string) =>
  (await sql<{ affiliationStatus: string }>(`SELECT "affiliationStatus" FROM "User" WHERE "id" = ?`, [id]))[0]!.affiliationStatus;

describe.skipIf(!buildExists())("verified affiliation (production build)", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "affiliation-http", seed: true });
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  it("lets an organizer approve and reject claims from the queue, audited and mailed", async () => {
    const organizer = await member({ role: "organizer", municipalityCode: null, affiliation: "none" });
    const asking = await member({ email: `fragar-${Date.now()}@gmail.example`, affiliation: "pending" });
    const other = await member({ email: `annan-${Date.now()}@gmail.example`, affiliation: "pending" });
    const plain = await member({ affiliation: "none" });

    expect((await get("/admin/tillhorighet", { cookie: plain.cookie })).status).toBe(403);
    expect(
      (await post("/admin/tillhorighet?index", { userId: asking.id, municipalityCode: "2081", decision: "approve" }, { cookie: plain.cookie })).status,
    ).toBe(403);
    const queue = await get("/admin/tillhorighet", { cookie: organizer.cookie });
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain(asking.email);

    const approved = await post(
      "/admin/tillhorighet?index",
      { userId: asking.id, municipalityCode: "2081", organisationId: "", decision: "approve" },
      { cookie: organizer.cookie },
    );
    expect(approved.status, app.errorLines()).toBe(302);
    expect(await statusOf(asking.id)).toBe("verified");

    const noReason = await post(
      "/admin/tillhorighet?index",
      { userId: other.id, municipalityCode: "2081", decision: "reject", reason: "" },
      { cookie: organizer.cookie },
    );
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Skriv ett skäl");
    const rejected = await post(
      "/admin/tillhorighet?index",
      { userId: other.id, municipalityCode: "2081", decision: "reject", reason: "Okänd i kommunen" },
      { cookie: organizer.cookie },
    );
    expect(rejected.status).toBe(302);
    expect(await statusOf(other.id)).toBe("rejected");

    const audit = await sql<{ action: string; actorId: string }>(`SELECT "action", "actorId" FROM "AuditLog" WHERE "entityId" IN (?, ?) ORDER BY "action"`, [
      asking.id,
      other.id,
    ]);
    expect(audit).toEqual([
      { action: "affiliation.approve", actorId: organizer.id },
      { action: "affiliation.reject", actorId: organizer.id },
    ]);
    const mails = await sql<{ toAddress: string; kind: string }>(`SELECT "toAddress", "kind" FROM "OutboxEmail" WHERE "toAddress" IN (?, ?) ORDER BY "kind"`, [
      asking.email,
      other.email,
    ]);
    expect(mails).toEqual([
      { toAddress: asking.email, kind: "affiliation-approved" },
      { toAddress: other.email, kind: "affiliation-rejected" },
    ]);
    const profile = await (await get("/profil", { cookie: other.cookie })).text();
    expect(profile).toContain("Okänd i kommunen");
  });

  it("verifies waiting members when the organizer registers their municipality's domain", async () => {
    const organizer = await member({ role: "organizer", municipalityCode: null, affiliation: "none" });
    const waiting = await member({ email: `vantar-${Date.now()}@hedemora.example`, municipalityCode: "2083", affiliation: "pending" });
    const publicMail = await post(
      "/admin/tillhorighet/domaner",
      { intent: "add", domain: "gmail.com", owner: "kommun", municipalityCode: "2083" },
      { cookie: organizer.cookie },
    );
    expect(publicMail.status).toBe(400);
    expect(await publicMail.text()).toContain("allmän e-posttjänst");

    const added = await post(
      "/admin/tillhorighet/domaner",
      { intent: "add", domain: "@Hedemora.example", owner: "kommun", municipalityCode: "2083" },
      { cookie: organizer.cookie },
    );
    expect(added.status, app.errorLines()).toBe(302);
    expect(added.headers.get("location")).toContain("verifierade=1");
    expect(await statusOf(waiting.id)).toBe("verified");
    const page = await (await get("/admin/tillhorighet/domaner", { cookie: organizer.cookie })).text();
    expect(page).toContain("hedemora.example");
    expect(page).toContain("borlange.example"); // from the seed
  });

  it("shows the badge on the profile, on posts and in the member list, and only for verified members", async () => {
    const [anna] = await sql<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = 'anna.demo@borlange.example'`);
    const [thread] = await sql<{ id: string; slug: string }>(`SELECT "id", "slug" FROM "Thread" WHERE "authorId" = ? LIMIT 1`, [anna!.id]);
    const threadPage = await (await get(`/diskussioner/${thread!.id}/${thread!.slug}`)).text();
    expect(threadPage).toContain(BADGE);

    const claimant = await member({ affiliation: "pending" });
    await sql(`UPDATE "User" SET "listedPublicly" = true, "name" = 'Påstår Borlänge' WHERE "id" = ?`, [claimant.id]);
    const municipalityPage = await (await get("/kommun/2081-borlange")).text();
    const listItem = (name: string) => new RegExp(`<li>${name}.*?</li>`).exec(municipalityPage)?.[0] ?? "";
    expect(listItem("Anna \\(demo\\)")).toContain(BADGE);
    expect(listItem("Påstår Borlänge")).toContain("Påstår Borlänge");
    expect(listItem("Påstår Borlänge")).not.toContain("badge");

    const verified = await member();
    expect(await (await get("/profil", { cookie: verified.cookie })).text()).toContain(BADGE);
    const pendingProfile = await (await get("/profil", { cookie: claimant.cookie })).text();
    expect(pendingProfile).not.toContain(BADGE);
    expect(pendingProfile).toContain("väntar på att forumansvarig granskar");
  });
});
