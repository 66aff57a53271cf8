// Route matching is kept per pathname (issue 18) and answers as the router does.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { MAX_PATHS, memoiseMatchRoutes } from "./route-match-memo.server";

type Router = { matchRoutes: (routes: object, location: string | { pathname?: string }, basename?: string) => unknown };
const real = createRequire(import.meta.url)("@remix-run/router") as Router;

const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "event", path: "forum/:slug" },
      { id: "thread", path: "diskussioner/:id/:slug" },
      { id: "splat", path: "*" },
    ],
  },
];

type MatchRoutes = Parameters<typeof memoiseMatchRoutes>[0]["matchRoutes"];

function counted() {
  const matchRoutes = (r: object, l: string | { pathname?: string }, b?: string) => (router.calls++, real.matchRoutes(r, l, b));
  const router = { calls: 0, matchRoutes: matchRoutes as MatchRoutes };
  return router;
}

describe("memoiseMatchRoutes", () => {
  it("answers as the router does, and matches each pathname once", () => {
    const router = counted();
    memoiseMatchRoutes(router);
    for (const path of ["/", "/forum/hosten", "/diskussioner/abc/en-fraga", "/finns/inte", "/forum/hosten"]) {
      expect(router.matchRoutes(routes, path)).toEqual(real.matchRoutes(routes, path));
      expect(router.matchRoutes(routes, { pathname: path })).toEqual(real.matchRoutes(routes, path));
    }
    expect(router.matchRoutes(routes, "/forum/hosten?x=1")).toEqual(real.matchRoutes(routes, "/forum/hosten"));
    expect(router.calls).toBe(4);
    // Another route tree (a new build) is matched on its own.
    const other = [{ id: "x", path: "forum/:slug" }];
    expect(router.matchRoutes(other, "/forum/hosten")).toEqual(real.matchRoutes(other, "/forum/hosten"));
    expect(router.calls).toBe(5);
  });

  it("gives every caller its own copy, and stays bounded", () => {
    const router = counted();
    memoiseMatchRoutes(router);
    const first = router.matchRoutes(routes, "/forum/hosten") as { params: Record<string, string> }[];
    first[1]!.params.slug = "ändrad";
    const second = router.matchRoutes(routes, "/forum/hosten") as { params: Record<string, string> }[];
    expect(second[1]!.params.slug).toBe("hosten");
    expect(second[0]!.params).toBe(second[1]!.params); // shared within one answer, as the router does
    for (let i = 0; i <= MAX_PATHS; i++) router.matchRoutes(routes, `/forum/f${i}`);
    const before = router.calls;
    router.matchRoutes(routes, "/forum/hosten");
    expect(router.calls).toBe(before + 1); // the memo was started afresh
  });
});
