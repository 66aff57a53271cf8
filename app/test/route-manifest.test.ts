import { describe, expect, test } from "vitest";
import { describeRoutes, fillPattern, patternShape, staticPageUrls, type BuildRoute } from "./route-manifest";

const page = { default: () => null };
const fake: Record<string, BuildRoute> = {
  root: { id: "root", path: "", module: { ...page, loader: () => null } },
  "routes/_index": { id: "routes/_index", parentId: "root", index: true, module: page },
  "routes/forum": { id: "routes/forum", parentId: "root", path: "forum", module: page },
  "routes/forum._index": { id: "routes/forum._index", parentId: "routes/forum", index: true, module: page },
  "routes/forum.$slug": { id: "routes/forum.$slug", parentId: "routes/forum", path: ":slug", module: { ...page, action: () => null } },
  "routes/_auth": { id: "routes/_auth", parentId: "root", module: page },
  "routes/_auth.logga-in": { id: "routes/_auth.logga-in", parentId: "routes/_auth", path: "logga-in", module: page },
  "routes/healthz": { id: "routes/healthz", parentId: "root", path: "healthz", module: { loader: () => null } },
  "routes/$": { id: "routes/$", parentId: "root", path: "*", module: page },
};

describe("route manifest", () => {
  const routes = describeRoutes(fake);
  const byId = (id: string) => routes.find((r) => r.id === id)!;

  test("builds full patterns through layouts and pathless layouts", () => {
    expect(byId("routes/forum.$slug").pattern).toBe("/forum/:slug");
    expect(byId("routes/forum._index").pattern).toBe("/forum");
    expect(byId("routes/_auth.logga-in").pattern).toBe("/logga-in");
    expect(byId("routes/_auth").pathless).toBe(true);
    expect(byId("routes/forum").layout).toBe(true);
    expect(byId("routes/forum.$slug")).toMatchObject({ params: ["slug"], hasAction: true, hasLoader: false });
    expect(byId("routes/$").splat).toBe(true);
    expect(byId("routes/healthz").hasDefault).toBe(false);
  });

  test("static pages leave out resource routes, layouts, params and the catch-all", () => {
    expect(staticPageUrls(routes)).toEqual(["/", "/forum", "/logga-in"]);
  });

  test("fills and compares param patterns", () => {
    expect(fillPattern("/forum/:slug/anmalan", "x%00")).toBe("/forum/x%00/anmalan");
    expect(fillPattern("/*", "a")).toBe("/a");
    expect(patternShape("/forum/:eventSlug")).toBe(patternShape("/forum/:slug"));
  });
});
