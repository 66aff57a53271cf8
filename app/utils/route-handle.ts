/**
 * What a route can tell the root layout through its `handle` export. `chrome:
 * false` (the presenter view on a projector) leaves out the demo banner, the site
 * header and the footer.
 */
export type RouteHandle = { chrome?: boolean };

export function wantsChrome(matches: ReadonlyArray<{ handle?: unknown }>): boolean {
  return !matches.some((match) => (match.handle as RouteHandle | undefined)?.chrome === false);
}
