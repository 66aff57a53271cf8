import { municipalityPath } from "./slug";

/** Public URLs of things, built in one place so routes and components agree. */

/** /kommun/2081-borlange */
export const municipalityHref = (municipality: { code: string; name: string }) => municipalityPath(municipality.code, municipality.name);

export const eventHref = (event: { slug: string }) => `/forum/${event.slug}`;

/** One event as an .ics file for the visitor's calendar. */
export const eventCalendarHref = (event: { slug: string }) => `${eventHref(event)}.ics`;

/** The registration section of an event page. */
export const eventRegistrationHref = (event: { slug: string }) => `${eventHref(event)}#anmalan`;

/** The link in the mail that confirms a pending registration (a token in the query: the server sends no referrer). */
export const registrationConfirmHref = (token: string) => `/forum/bekrafta?token=${encodeURIComponent(token)}`;

/** "Kolla din e-post" after the registration form: the forum and the address typed, nothing else. */
export const registrationSentHref = (event: { slug: string }, email: string) =>
  `/forum/kolla-epost?${new URLSearchParams({ forum: event.slug, adress: email }).toString()}`;

export const caseHref = (c: { slug: string }) => `/case/${c.slug}`;

/** The lists filtered by one tag: cases and threads (?tagg=), recordings (?omrade=). */
export const casesTaggedHref = (tag: { slug: string }) => `/case?tagg=${encodeURIComponent(tag.slug)}`;
export const threadsTaggedHref = (tag: { slug: string }) => `/diskussioner?tagg=${encodeURIComponent(tag.slug)}`;
export const recordingsTaggedHref = (tag: { slug: string }) => `/inspelningar?omrade=${encodeURIComponent(tag.slug)}`;

/** The form that asks a case's authors a question. */
export const caseQuestionHref = (c: { slug: string }) => `${caseHref(c)}/fraga`;

/** The Kontakt form, and where it lands after a message was sent (the confirmation in view without JavaScript). */
export const CONTACT_HREF = "/kontakt";
export const CONTACT_SENT_HREF = `${CONTACT_HREF}?skickat=1#bekraftelse`;

/** The privacy notice every form that asks for personal data links to. */
export const PRIVACY_HREF = "/personuppgifter";

/** The login page, back to `next` afterwards (a path on this site). */
export const loginHref = (next: string) => `/logga-in?redirectTo=${encodeURIComponent(next)}`;

/**
 * Becoming a member on the way somewhere: sign-up, "Kolla din e-post", the
 * confirmation link and the login after it all carry `next` (a path on this site;
 * the pages check it with safeRedirect) and lead back there.
 */
const withNext = (path: string, params: Record<string, string | undefined>) => {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return query ? `${path}?${query}` : path;
};
export const signupHref = (next?: string) => withNext("/registrera", { redirectTo: next });
export const signupSentHref = (email: string, next?: string) => withNext("/registrera/skickat", { adress: email, redirectTo: next });
export const verifyEmailHref = (token: string, next?: string) => withNext("/verifiera", { token, redirectTo: next });
export const emailConfirmedHref = (next?: string) => withNext("/verifiera", { bekraftad: "1", redirectTo: next });
export const loginAfterConfirmHref = (next?: string) => withNext("/logga-in", { bekraftad: "1", redirectTo: next });

/** A municipality's analytics-maturity results: /analysmognad/kommun/2081-borlange */
export const maturityResultHref = (municipality: { code: string; name: string }) => `/analysmognad${municipalityHref(municipality)}`;

/** A thread page: the id finds the thread, the slug follows its title (an old or wrong slug redirects to this one). */
export const threadHref = (thread: { id: string; slug: string }) => `/diskussioner/${thread.id}/${thread.slug}`;

/** One post on its thread page (the anchor is the post's id). */
export const postAnchor = (postId: string) => `inlagg-${postId}`;

export const DISCUSSIONS_HREF = "/diskussioner";
export const askQuestionHref = (prefill: { kategori?: string; case?: string; forum?: string } = {}) => {
  const query = new URLSearchParams(Object.entries(prefill).filter((e): e is [string, string] => !!e[1])).toString();
  return `/diskussioner/ny${query ? `?${query}` : ""}`;
};
export const categoryHref = (category: { slug: string }) => `/diskussioner/kategori/${category.slug}`;
export const DISCUSSIONS_FEED_HREF = "/diskussioner/feed.xml";
export const categoryFeedHref = (category: { slug: string }) => `/diskussioner/kategori/${category.slug}/feed.xml`;
export const editPostHref = (postId: string) => `/diskussioner/inlagg/${postId}/redigera`;
/** Edit history of a post: moderators only. */
export const postHistoryHref = (postId: string) => `/diskussioner/inlagg/${postId}/historik`;
/** Members flag a post for the moderators. */
export const flagPostHref = (postId: string) => `/diskussioner/inlagg/${postId}/flagga`;
/** Moderation (moderators only). */
export const MODERATION_QUEUE_HREF = "/admin/moderering";
export const moderatePostHref = (postId: string) => `${MODERATION_QUEUE_HREF}/inlagg/${postId}`;
export const moderateThreadHref = (threadId: string) => `${MODERATION_QUEUE_HREF}/trad/${threadId}`;

/** Polls: the audience's vote and published results, the organizer's pages and the presenter's live feed. */
export const voteHref = (code: string) => `/rosta/${code}`;
export const pollResultHref = (code: string) => `/undersokningar/${code}`;

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

/**
 * The organizer's and admin's pages under /admin (role checks are the routes'
 * own). Ids are the rows' ids; a query (?sparat=…) is added by the caller.
 */
export const ADMIN_HREF = "/admin";
export const ADMIN_EVENTS_HREF = `${ADMIN_HREF}/forum`;
export const NEW_EVENT_HREF = `${ADMIN_EVENTS_HREF}/ny`;
export const adminEventHref = (eventId: string) => `${ADMIN_EVENTS_HREF}/${eventId}`;
export const adminRecordingHref = (eventId: string) => `${adminEventHref(eventId)}/inspelning`;
export const adminRegistrationsHref = (eventId: string) => `${adminEventHref(eventId)}/anmalningar`;
/** The registrations page with one send's recipients, or one guest's mail, under "Skickade mejl". */
export const adminSendRecipientsHref = (eventId: string, sendId: string) =>
  `${adminRegistrationsHref(eventId)}?utskick=${encodeURIComponent(sendId)}#skickade-mejl`;
export const adminGuestMailHref = (eventId: string, registrationId: string) =>
  `${adminRegistrationsHref(eventId)}?gast=${encodeURIComponent(registrationId)}#skickade-mejl`;
/** The registrations page's message form, filled in with "the recording is available" (from the recording page). */
export const adminRecordingNoticeHref = (eventId: string) => `${adminRegistrationsHref(eventId)}?meddelande=inspelning#meddelande`;
export const adminRegistrationsCsvHref = (eventId: string) => `${adminRegistrationsHref(eventId)}.csv`;
export const adminPollsHref = (eventId: string) => `${adminEventHref(eventId)}/omrostningar`;
export const pollAdminHref = (eventId: string, pollId: string) => `${adminPollsHref(eventId)}/${pollId}`;
export const pollPresenterHref = (eventId: string, pollId: string) => `${pollAdminHref(eventId, pollId)}/presentera`;
export const pollLiveHref = (eventId: string, pollId: string) => `${pollAdminHref(eventId, pollId)}/live`;
export const ADMIN_CASES_HREF = `${ADMIN_HREF}/case`;
export const NEW_CASE_HREF = `${ADMIN_CASES_HREF}/ny`;
export const adminCaseHref = (caseId: string) => `${ADMIN_CASES_HREF}/${caseId}`;
export const ADMIN_ARTICLES_HREF = `${ADMIN_HREF}/spaningar`;
export const NEW_ARTICLE_HREF = `${ADMIN_ARTICLES_HREF}/ny`;
export const adminArticleHref = (articleId: string) => `${ADMIN_ARTICLES_HREF}/${articleId}`;
export const INBOX_HREF = `${ADMIN_HREF}/inkorg`;
export const inboxMessageHref = (messageId: string) => `${INBOX_HREF}/${messageId}`;
export const AFFILIATION_QUEUE_HREF = `${ADMIN_HREF}/tillhorighet`;
export const AFFILIATION_DOMAINS_HREF = `${AFFILIATION_QUEUE_HREF}/domaner`;
export const ADMIN_USERS_HREF = `${ADMIN_HREF}/anvandare`;
/** The admin's user list searched for one person (by email, which is unique). */
export const adminUserSearchHref = (q: string) => `${ADMIN_USERS_HREF}?${new URLSearchParams({ q }).toString()}`;
export const AUDIT_LOG_HREF = `${ADMIN_HREF}/logg`;
/** The audit log filtered (person, forum, fran, till) and paged (fore); empty values are left out. */
export const auditLogHref = (filter: Record<string, string | undefined>) => withNext(AUDIT_LOG_HREF, filter);
export const OUTBOX_HREF = `${ADMIN_HREF}/mejl`;

/**
 * Where a role's work starts: the workspace for organizers and admins, the
 * moderation queue for moderators, nothing for members (null).
 */
export function workspaceHref(role: string): string | null {
  if (role === "organizer" || role === "admin") return ADMIN_HREF;
  if (role === "moderator") return MODERATION_QUEUE_HREF;
  return null;
}

/** Where login goes when no page asked for it: the workspace of a role that has one, else the profile. */
export const homeAfterLogin = (role: string) => workspaceHref(role) ?? "/profil";

/** The guest list filtered to one group (the dashboard's numbers link to these). */
export type GuestFilter = "plats" | "vantelista" | "obekraftade" | "avanmalda" | "narvarande";
export const adminGuestListHref = (eventId: string, filter: GuestFilter) => `${adminRegistrationsHref(eventId)}?visa=${filter}`;
