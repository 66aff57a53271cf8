import { municipalityPath } from "./slug";

/** Public URLs of things, built in one place so routes and components agree. */

/** /kommun/2081-borlange */
export const municipalityHref = (municipality: { code: string; name: string }) => municipalityPath(municipality.code, municipality.name);

export const eventHref = (event: { slug: string }) => `/forum/${event.slug}`;

/** The registration section of an event page. */
export const eventRegistrationHref = (event: { slug: string }) => `${eventHref(event)}#anmalan`;

export const caseHref = (c: { slug: string }) => `/case/${c.slug}`;

/** Thread pages arrive with the discussions work; this is the one place to change their address. */
export const threadHref = (thread: { id: string; slug: string }) => `/diskussioner/${thread.id}/${thread.slug}`;

export const articleHref = (a: { slug: string }) => `/spaningar/${a.slug}`;
