import { createRequire } from "node:module";

/**
 * Route matching once per pathname (issue 18). @remix-run/router's matchRoutes
 * flattens and ranks the whole route tree on every call (compilePath, flattenRoute,
 * computeScore: about 13 % of a member page's CPU); Remix's server runtime and React
 * Router's useRoutes call it for every request. The answer depends only on the route
 * tree (one array per build), the basename and the pathname, so it is kept per
 * (tree, basename, pathname), at most MAX_PATHS per tree (then started afresh), and
 * every caller gets its own copy (params included). The router's internal calls
 * (createStaticHandler) are out of reach and stay as they are.
 */
export const MAX_PATHS = 2000;

type Match = { params: Record<string, string | undefined>; [key: string]: unknown };
type MatchRoutes = (routes: object, location: string | { pathname?: string }, basename?: string) => Match[] | null;
type Router = { matchRoutes: MatchRoutes };

const memoised = Symbol.for("kommunforum.matchRoutesMemo");

function copy(matches: Match[] | null): Match[] | null {
  if (!matches) return null;
  // The router shares one params object between the matches of a path: so do the copies.
  const params = new Map<object, Match["params"]>();
  return matches.map((m) => {
    let p = params.get(m.params);
    if (!p) params.set(m.params, (p = { ...m.params }));
    return { ...m, params: p };
  });
}

/** Wraps `router.matchRoutes` in place with the per-pathname memo (once). */
export function memoiseMatchRoutes(router: Router): void {
  const original = router.matchRoutes as MatchRoutes & { [memoised]?: true };
  if (original[memoised]) return;
  const byTree = new WeakMap<object, Map<string, Match[] | null>>();
  const wrapped: MatchRoutes & { [memoised]?: true } = (routes, location, basename = "/") => {
    const pathname = typeof location === "string" ? location.split(/[?#]/)[0] : location?.pathname;
    if (typeof pathname !== "string" || typeof routes !== "object" || routes === null) return original(routes, location, basename);
    let known = byTree.get(routes);
    if (!known) byTree.set(routes, (known = new Map()));
    const key = `${basename}\n${pathname}`;
    if (!known.has(key)) {
      if (known.size >= MAX_PATHS) known.clear();
      known.set(key, original(routes, location, basename));
    }
    return copy(known.get(key)!);
  };
  wrapped[memoised] = true;
  router.matchRoutes = wrapped;
}

/** Installs the memo on the CommonJS @remix-run/router that Remix and React Router load on the server. */
export function installRouteMatchMemo(): void {
  memoiseMatchRoutes(createRequire(import.meta.url)("@remix-run/router") as Router);
}
