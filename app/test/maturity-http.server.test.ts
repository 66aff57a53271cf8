// The self-assessment over HTTP against the production build: only verified
// members of the municipality can submit (others get 403), a submission
// redirects to the result page, and only the municipality's members see its scores.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MATURITY_DIMENSIONS } from "~/data/maturity";
import { maturityYear } from "~/utils/maturity-stats";
import { startAppServer, type AppServer } from "./app-server";
import { createUser } from "./http-users";
import { buildExists } from "./route-manifest";
import { testQuery } from "./test-sql";

let app: AppServer;
// The server's database, SQLite or PostgreSQL (npm run test:pg): quoted identifiers, `?` parameters.
const sql = <T = Record<string, unknown>>(text: string, params: (string | number | null | Date)[] = []) => testQuery<T>(app.databaseUrl, text, params);

/** A user with a live session, written straight to the server's database. */
function userWithSession({
  municipalityCode,
  verified = true,
  affiliation = verified && municipalityCode ? "verified" : "none",
}: {
  municipalityCode: string | null;
  verified?: boolean;
  affiliation?: "none" | "pending" | "verified" | "rejected";
}) {
  return createUser(app.databaseUrl, { municipalityCode, emailVerified: verified, affiliation });
}

async function countCurrent(code: string, year: number): Promise<number> {
  const rows = await sql<{ n: number }>(`SELECT count(*) AS n FROM "MaturityAssessment" WHERE "municipalityCode" = ? AND "year" = ? AND "replacedAt" IS NULL`, [
    code,
    year,
  ]);
  return rows[0]!.n;
}

const answers = (score: number) => Object.fromEntries(MATURITY_DIMENSIONS.map((d) => [d.key, String(score)]));

function submit(cookie: string, fields: Record<string, string>) {
  return fetch(`${app.url}/analysmognad/bedom`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, Cookie: cookie },
    body: new URLSearchParams(fields),
  });
}

describe.skipIf(!buildExists())("the maturity self-assessment over HTTP (production build)", () => {
  beforeAll(async () => {
    app = await startAppServer({ name: "maturity-http", seed: true });
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("refuses a member of another municipality with 403 and stores nothing", async () => {
    const year = maturityYear();
    const before = await countCurrent("2081", year);
    const kristianstad = await userWithSession({ municipalityCode: "1290" });
    const res = await submit(kristianstad.cookie, { municipalityCode: "2081", ...answers(4) });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("bara göra bedömningen för den kommun");
    expect(await countCurrent("2081", year)).toBe(before);
  });

  it("refuses members without a municipality and unverified members", async () => {
    const organisation = await userWithSession({ municipalityCode: null });
    expect((await submit(organisation.cookie, { municipalityCode: "2081", ...answers(2) })).status).toBe(403);
    const page = await fetch(`${app.url}/analysmognad/bedom`, { headers: { Cookie: organisation.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("inte kopplat till någon kommun");

    const unverified = await userWithSession({ municipalityCode: "2081", verified: false });
    expect((await submit(unverified.cookie, { municipalityCode: "2081", ...answers(2) })).status).toBe(403);
  });

  it("refuses a member whose claim to the municipality is not verified, also after switching to it on the profile", async () => {
    const year = maturityYear();
    const before = await sql(`SELECT "id" FROM "MaturityAssessment" WHERE "municipalityCode" = '2081' AND "year" = ? AND "replacedAt" IS NULL`, [year]);
    const pending = await userWithSession({ municipalityCode: "2081", affiliation: "pending" });
    expect((await submit(pending.cookie, { municipalityCode: "2081", ...answers(0) })).status).toBe(403);
    const page = await fetch(`${app.url}/analysmognad/bedom`, { headers: { Cookie: pending.cookie } });
    expect(await page.text()).toContain("Din koppling till kommunen är inte verifierad");

    // A verified member of Kristianstad picks Borlänge on the profile page.
    const switcher = await userWithSession({ municipalityCode: "1290" });
    const profile = await fetch(`${app.url}/profil?index`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, Cookie: switcher.cookie },
      body: new URLSearchParams({ intent: "profile", name: "Byter kommun", title: "", orgKind: "kommun", municipalityCode: "2081" }),
    });
    expect(profile.status).toBe(302);
    const res = await submit(switcher.cookie, { municipalityCode: "2081", ...answers(0) });
    expect(res.status).toBe(403);
    expect(await sql(`SELECT "id" FROM "MaturityAssessment" WHERE "municipalityCode" = '2081' AND "year" = ? AND "replacedAt" IS NULL`, [year])).toEqual(
      before,
    );
    const result = await (await fetch(`${app.url}/analysmognad/kommun/2081-borlange?ar=${year - 1}`, { headers: { Cookie: switcher.cookie } })).text();
    expect(result).toContain("egna poäng visas bara för verifierade medlemmar");
    expect(result).not.toContain("Rekommendationer");
  });

  it("answers 400 with the missing answers named when the form is incomplete", async () => {
    const member = await userWithSession({ municipalityCode: "2081" });
    const { bi: _bi, ai: _ai, ...rest } = answers(2);
    const res = await submit(member.cookie, { municipalityCode: "2081", ...rest });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Välj ett svar för bi i drift.");
    expect(html).toContain('href="#falt-ai"');
  });

  it("lets a member submit, and shows the scores only to the municipality's members", async () => {
    const year = maturityYear();
    const member = await userWithSession({ municipalityCode: "2081" });
    const res = await submit(member.cookie, { municipalityCode: "2081", ...answers(3), ai: "0" });
    expect(res.status, app.errorLines()).toBe(302);
    expect(res.headers.get("location")).toBe(`/analysmognad/kommun/2081-borlange?ar=${year}&sparad=1`);
    expect(await countCurrent("2081", year)).toBe(1);

    const own = await fetch(`${app.url}${res.headers.get("location")}`, { headers: { Cookie: member.cookie } });
    const ownHtml = await own.text();
    expect(own.status).toBe(200);
    expect(ownHtml).toContain("Bedömningen för");
    expect(ownHtml).toContain("Rekommendationer");

    const other = await userWithSession({ municipalityCode: "1290" });
    const otherHtml = await (await fetch(`${app.url}/analysmognad/kommun/2081-borlange?ar=${year}`, { headers: { Cookie: other.cookie } })).text();
    expect(otherHtml).toContain("egna poäng visas bara för verifierade medlemmar");
    expect(otherHtml).not.toContain("Rekommendationer");

    // A second submission the same year replaces the first; both are kept.
    const again = await submit(member.cookie, { municipalityCode: "2081", ...answers(4) });
    expect(again.status).toBe(302);
    expect(await countCurrent("2081", year)).toBe(1);
  });
});
