import { municipalityPath } from "./slug";

/** Public URLs of things, built in one place so routes and components agree. */

/** /kommun/2081-borlange */
export const municipalityHref = (municipality: { code: string; name: string }) => municipalityPath(municipality.code, municipality.name);

export const eventHref = (event: { slug: string }) => `/forum/${event.slug}`;

/** The registration section of an event page. */
export const eventRegistrationHref = (event: { slug: string }) => `${eventHref(event)}#anmalan`;

export const caseHref = (c: { slug: string }) => `/case/${c.slug}`;

/** A municipality's analytics-maturity results: /analysmognad/kommun/2081-borlange */
export const maturityResultHref = (municipality: { code: string; name: string }) =>
  `/analysmognad${municipalityHref(municipality)}`;

/** Thread pages arrive with the discussions work; this is the one place to change their address. */
export const threadHref = (thread: { id: string; slug: string }) => `/diskussioner/${thread.id}/${thread.slug}`;

/** Articles ("Spaningar"). */
export const articleHref = (article: { slug: string }) => `/spaningar/${article.slug}`;

/** The Atom feed of articles and cases, and the <link rel="alternate"> that announces it. */
export const FEED_HREF = "/feed.xml";
export const feedAlternateLink = {
  rel: "alternate",
  type: "application/atom+xml",
  title: "Kommunforum Analytics: spaningar och case",
  href: FEED_HREF,
} as const;
