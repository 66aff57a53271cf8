import { env } from "./env.server";
import { sign, verifySignature } from "./crypto.server";

/**
 * Links that need no login: a registrant's own page and cancellation, and the
 * one-click unsubscribe from the invitation list. Each signature covers a purpose
 * prefix, so a signature for one kind of link never works for another.
 */
const registrationValue = (registrationId: string) => `registration:${registrationId}`;
const unsubscribeValue = (subscriberId: string) => `unsubscribe:${subscriberId}`;

function absolute(path: string, params: Record<string, string>) {
  const url = new URL(path, env().APP_URL);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

/** Relative link to the registrant's own page (status, waitlist position, join link). */
export const registrationPagePath = (registrationId: string) =>
  `/forum/anmalan?r=${encodeURIComponent(registrationId)}&sig=${sign("link", registrationValue(registrationId))}`;

export const registrationPageUrl = (registrationId: string) =>
  absolute("/forum/anmalan", { r: registrationId, sig: sign("link", registrationValue(registrationId)) });

export const cancelRegistrationUrl = (registrationId: string) =>
  absolute("/forum/avanmal", { r: registrationId, sig: sign("link", registrationValue(registrationId)) });

export const cancelRegistrationPath = (registrationId: string) =>
  `/forum/avanmal?r=${encodeURIComponent(registrationId)}&sig=${sign("link", registrationValue(registrationId))}`;

export function verifyRegistrationLink(registrationId: string, sig: string): boolean {
  return registrationId.length > 0 && registrationId.length <= 64 && sig.length <= 100 && verifySignature("link", registrationValue(registrationId), sig);
}

export const unsubscribeUrl = (subscriberId: string) => absolute("/inbjudan/avsluta", { s: subscriberId, sig: sign("link", unsubscribeValue(subscriberId)) });

export function verifyUnsubscribeLink(subscriberId: string, sig: string): boolean {
  return subscriberId.length > 0 && subscriberId.length <= 64 && sig.length <= 100 && verifySignature("link", unsubscribeValue(subscriberId), sig);
}

export const appUrl = (path: string) => new URL(path, env().APP_URL).href;

/**
 * One-click opt-outs from discussion mail, at /diskussioner/sluta-bevaka. Each kind
 * has its own purpose prefix and names both the member and the thread or category
 * (the digest and mention mails name "vecka" and "alla"), so a link stops exactly
 * one kind of mail for one member.
 */
export const DISCUSSION_OPT_OUT_KINDS = ["trad", "kategori", "sammanfattning", "omnamnanden"] as const;
export type DiscussionOptOut = { kind: (typeof DISCUSSION_OPT_OUT_KINDS)[number]; userId: string; targetId: string };

const optOutValue = (o: DiscussionOptOut) => `discussion-optout:${o.kind}:${o.userId}:${o.targetId}`;

export const discussionOptOutUrl = (o: DiscussionOptOut) =>
  absolute("/diskussioner/sluta-bevaka", { typ: o.kind, u: o.userId, id: o.targetId, sig: sign("link", optOutValue(o)) });

export function verifyDiscussionOptOut(o: DiscussionOptOut, sig: string): boolean {
  return (
    DISCUSSION_OPT_OUT_KINDS.includes(o.kind) &&
    o.userId.length > 0 &&
    o.userId.length <= 64 &&
    o.targetId.length > 0 &&
    o.targetId.length <= 64 &&
    sig.length <= 100 &&
    verifySignature("link", optOutValue(o), sig)
  );
}
