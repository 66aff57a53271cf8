// Reads the route list from the production server build, so the browser scans
// and the robustness suite cover every new route without anyone listing it.
// Shared by vitest (app/test) and Playwright (e2e/); no "~" alias here.
import fs from "node:fs";
import path from "node:path";
import url from "node:url";

export const BUILD_PATH = path.resolve("build", "index.js");

/** One entry of the server build's `routes` export (Remix 2 classic compiler). */
export type BuildRoute = {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: Record<string, unknown>;
};

export type RouteInfo = {
  id: string;
  /** Full URL pattern from the site root, e.g. "/forum/:slug" or "/". */
  pattern: string;
  index: boolean;
  /** No path of its own and not an index route: a pathless layout. */
  pathless: boolean;
  /** Has child routes: renders around them, its URL is covered by its index child. */
  layout: boolean;
  hasDefault: boolean;
  hasLoader: boolean;
  hasAction: boolean;
  /** Names of the dynamic segments (":slug" → "slug"). */
  params: string[];
  /** Ends in a "*" catch-all segment ($.tsx). */
  splat: boolean;
};

/** Turns the build's nested route table into flat records with full URL patterns. */
export function describeRoutes(routes: Record<string, BuildRoute>): RouteInfo[] {
  const parents = new Set(
    Object.values(routes)
      .map((r) => r.parentId)
      .filter(Boolean),
  );
  const fullPath = (route: BuildRoute): string => {
    const segments: string[] = [];
    for (let r: BuildRoute | undefined = route; r; r = r.parentId ? routes[r.parentId] : undefined) {
      if (r.path) segments.unshift(r.path.replace(/^\/+|\/+$/g, ""));
    }
    return "/" + segments.filter(Boolean).join("/");
  };
  return Object.values(routes).map((route) => {
    const pattern = fullPath(route);
    const segments = pattern.split("/");
    return {
      id: route.id,
      pattern,
      index: Boolean(route.index),
      pathless: route.id !== "root" && !route.index && !route.path,
      layout: parents.has(route.id),
      hasDefault: typeof route.module.default === "function",
      hasLoader: typeof route.module.loader === "function",
      hasAction: typeof route.module.action === "function",
      params: segments.filter((s) => s.startsWith(":")).map((s) => s.slice(1).replace(/\?$/, "")),
      splat: segments.includes("*"),
    };
  });
}

/** "/forum/:slug" and "/forum/:eventSlug" have the same shape "/forum/:". */
export function patternShape(pattern: string): string {
  return pattern.replace(/:[^/]+/g, ":");
}

/** Fills every dynamic segment (and a trailing "*") with an already-encoded value. */
export function fillPattern(pattern: string, value: string): string {
  return pattern
    .split("/")
    .map((s) => (s.startsWith(":") || s === "*" ? value : s))
    .join("/");
}

/**
 * URLs of pages a visitor can open directly: routes that render something,
 * minus layouts, pathless layouts, the catch-all and routes with URL params
 * (those are covered by samples, see e2e/fixtures.ts).
 */
export function staticPageUrls(routes: RouteInfo[]): string[] {
  const urls = routes.filter((r) => r.id !== "root" && r.hasDefault && !r.layout && !r.pathless && !r.splat && r.params.length === 0).map((r) => r.pattern);
  return [...new Set(urls)].sort();
}

let cached: Promise<RouteInfo[]> | undefined;

/**
 * Imports the built server module in this process. Importing it creates the
 * app's PrismaClient, so point it at a throwaway in-memory database unless the
 * caller already chose one, and close it again right away.
 */
export function loadBuiltRoutes(buildPath = BUILD_PATH): Promise<RouteInfo[]> {
  cached ??= (async () => {
    if (!fs.existsSync(buildPath)) {
      throw new Error(`Hittar inte ${path.relative(process.cwd(), buildPath)}: kör "npx remix build" först.`);
    }
    process.env.DATABASE_URL ??= "file::memory:";
    const build = (await import(url.pathToFileURL(buildPath).href)) as {
      routes: Record<string, BuildRoute>;
      entry: { module: { disconnectDb?: () => Promise<void>; dbReady?: Promise<void> } };
    };
    await build.entry.module.dbReady?.catch(() => {});
    return describeRoutes(build.routes);
  })();
  return cached;
}

export const buildExists = () => fs.existsSync(BUILD_PATH);
