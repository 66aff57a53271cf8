/** Flags on posts: the reasons a member can give, shared by the flag form, the moderation pages and the server. */

export const FLAG_REASONS = ["spam", "krankande", "personuppgifter", "felaktigt", "annat"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const FLAG_REASON_LABELS: Record<FlagReason, string> = {
  spam: "Reklam eller spam",
  krankande: "Kränkande eller otrevligt",
  personuppgifter: "Innehåller personuppgifter som inte borde vara med",
  felaktigt: "Vilseledande eller felaktigt på ett sätt som kan skada",
  annat: "Något annat",
};

/** Flag.reason holds "<code>" or "<code>: <the member's own words>". */
export function formatFlagReason(code: FlagReason, note: string): string {
  const text = note.trim();
  return text ? `${code}: ${text}` : code;
}

export function parseFlagReason(stored: string): { label: string; note: string } {
  const i = stored.indexOf(":");
  const code = (i === -1 ? stored : stored.slice(0, i)) as FlagReason;
  const note = i === -1 ? "" : stored.slice(i + 1).trim();
  return { label: FLAG_REASON_LABELS[code] ?? "Okänd anledning", note };
}

/** Query parameter the thread page gets after a member flags a post, to show FLAGGED_NOTICE. */
export const FLAGGED_PARAM = "flaggat";
export const FLAGGED_NOTICE = "Tack! Inlägget är flaggat och en moderator kommer att titta på det.";
