// Shared helpers for the browser journeys: which pages exist, and an axe scan.
import { expect, type Page } from "@playwright/test";
import type { Result } from "axe-core";
import { loadBuiltRoutes, patternShape, staticPageUrls } from "../app/test/route-manifest";
import { connectE2eDatabase } from "./app-env";

/** Who can open a page. a11y.spec.ts scans every anonymous page; pages behind a login are scanned by the journeys that log in. */
export type Audience = "anonymous" | "member" | "organizer";

/** Areas behind a login (the organizer's and admin's tools are all under /admin). */
export const LOGIN_REQUIRED: { prefix: string; audience: Audience }[] = [
  { prefix: "/admin", audience: "organizer" },
  { prefix: "/profil", audience: "member" },
  { prefix: "/logga-in/tvastegs", audience: "member" },
  { prefix: "/analysmognad/bedom", audience: "member" },
  { prefix: "/diskussioner/ny", audience: "member" },
  { prefix: "/diskussioner/inlagg", audience: "member" },
];

/**
 * A real URL for each route with URL params, from the seed data. A sample is
 * used only when the build has a route of that shape (param names don't matter),
 * so add samples here as routes land.
 */
export const PARAM_SAMPLES: ReadonlyArray<readonly [pattern: string, url: string]> = [
  ["/forum/:slug", "/forum/kommunforum-analytics-2021-05-06"],
  // The upcoming forum carries the registration form.
  ["/forum/:slug", "/forum/kommunforum-analytics-nasta"],
  ["/case/:slug", "/case/kristianstad-smart-va"],
  ["/kommun/:slug", "/kommun/2081-borlange"],
  ["/spaningar/:slug", "/spaningar/sammanfattning-kommunforum-2021-05-06"],
  ["/analysmognad/kommun/:slug", "/analysmognad/kommun/2081-borlange"],
  // Åre's county and municipality group are under five: the page with hidden comparisons.
  ["/analysmognad/kommun/:slug", "/analysmognad/kommun/2321-are"],
  // Moderation and flagging of the seeded demo thread (login required).
  ["/diskussioner/inlagg/:postId/flagga", "/diskussioner/inlagg/demo-inlagg-prognos-fraga/flagga"],
  ["/admin/moderering/inlagg/:postId", "/admin/moderering/inlagg/demo-inlagg-prognos-fraga"],
  ["/admin/moderering/trad/:threadId", "/admin/moderering/trad/demo-trad-prognos-hemtjanst"],
  // Seeded demo threads (prisma/seed-content.ts DEMO_THREADS): one answered, one category page.
  ["/diskussioner/:id/:slug", "/diskussioner/demo-trad-prognos-hemtjanst/hur-kom-ni-igang-med-prognoser-for-hemtjanstens-behov"],
  ["/diskussioner/kategori/:slug", "/diskussioner/kategori/iot-sensorer"],
  ["/diskussioner/inlagg/:postId/redigera", "/diskussioner/inlagg/demo-inlagg-prognos-fraga/redigera"],
  ["/diskussioner/inlagg/:postId/historik", "/diskussioner/inlagg/demo-inlagg-prognos-fraga/historik"],
  // Live polls: an imported 2021 result (K21A). The vote page /rosta/:code shows only
  // polls that are open or closed in a published forum, and the seed has none (its demo
  // poll DATA7 is a draft, which answers 404): e2e/polls.spec.ts scans the vote page.
  ["/undersokningar/:code", "/undersokningar/K21A"],
];

/** A path no route will ever claim; it must get the Swedish 404 page. */
export const NOT_FOUND_URL = "/den-har-sidan-finns-inte";

export type PageToScan = {
  url: string;
  audience: Audience;
  /** "route": a page without params; "sample": a filled-in param route; "not-found": the 404 page. */
  kind: "route" | "sample" | "not-found";
};

export function audienceOf(url: string): Audience {
  return LOGIN_REQUIRED.find((area) => url === area.prefix || url.startsWith(`${area.prefix}/`))?.audience ?? "anonymous";
}

/** The routes of the production build. Loading the build creates the app's database client, so it is pointed first. */
export function builtRoutes() {
  connectE2eDatabase();
  return loadBuiltRoutes();
}

/** Every page of the build that the given audience can open, plus the 404 page. */
export async function pagesToScan(audience: Audience): Promise<PageToScan[]> {
  const routes = await builtRoutes();
  const shapes = new Set(routes.filter((r) => r.hasDefault && r.params.length > 0).map((r) => patternShape(r.pattern)));
  const pages: PageToScan[] = [
    ...staticPageUrls(routes).map((url) => ({ url, audience: audienceOf(url), kind: "route" as const })),
    ...PARAM_SAMPLES.filter(([pattern]) => shapes.has(patternShape(pattern))).map(([, url]) => ({
      url,
      audience: audienceOf(url),
      kind: "sample" as const,
    })),
    { url: NOT_FOUND_URL, audience: "anonymous", kind: "not-found" },
  ];
  return pages.filter((p) => p.audience === audience);
}

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Marks a test that only checks markup: axe scans, page structure, the site's
 * navigation. `npm run test:pg` skips these (`--grep-invert @markup`): the
 * database behind a page does not change its markup, and `npm test` runs them all.
 */
export const MARKUP_ONLY = { tag: "@markup" };

/** Runs axe on the current page and returns the serious and critical violations. */
async function seriousViolations(page: Page): Promise<Result[]> {
  // Loaded here so vitest can import the sample list without Playwright.
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  // Every WCAG rule still runs; only violations carry all their nodes (passes are
  // not read here, and collecting them made a scan about a quarter slower).
  // options() replaces what withTags() set, so it comes first.
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(AXE_TAGS)
    .analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/**
 * Fails the test on serious or critical WCAG 2.1 AA violations on the current page.
 * `npm run test:pg` sets E2E_AXE=off: the database behind a page does not change its
 * markup, and `npm test` scans every one of these pages.
 */
export async function expectNoSeriousViolations(page: Page, label: string = page.url()) {
  if (process.env.E2E_AXE === "off") return;
  const violations = await seriousViolations(page);
  expect(
    violations.map((v) => `${v.impact} ${v.id}`),
    formatViolations(label, violations),
  ).toEqual([]);
}

/** One readable block per violation: rule, impact, help link and the offending elements. */
export function formatViolations(url: string, violations: Result[]): string {
  if (violations.length === 0) return `${url}: inga allvarliga brister`;
  const blocks = violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `    - ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
      .join("\n");
    const more = v.nodes.length > 5 ? `\n    … och ${v.nodes.length - 5} till` : "";
    return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
  });
  return `${url}: ${violations.length} allvarliga brister\n${blocks.join("\n")}`;
}
