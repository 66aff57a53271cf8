import { Tokenizer, type MarkedExtension, type Tokens } from "marked";

/**
 * Bounds on the work marked does for one text (ADR 011). marked 18 is quadratic
 * on long runs of emphasis delimiters and recurses once per level of nesting, so
 * a short text could hold the server for minutes or overflow the stack. Each
 * guard wraps one of marked's own tokenizers through its extension API; none
 * copies marked's code.
 *
 * - Nesting: a blockquote, list, emphasis, strikethrough or link deeper than
 *   MAX_BLOCK_DEPTH / MAX_INLINE_DEPTH levels is left as plain text.
 * - Emphasis search: a delimiter looks for its closing partner at most
 *   EMPHASIS_WINDOW characters ahead, and the searches that find nothing may
 *   together cost at most FAILED_SEARCH_BUDGET (delimiters met, plus one per 32
 *   other characters) per text; after that, further delimiters are plain text.
 *   Counting (not timing) keeps the result the same on every machine: a
 *   preview matches the stored page.
 * - Plain text and bare addresses: GFM's text and autolink rules look ahead
 *   for an e-mail address at every position, which reads the rest of a long run
 *   of e-mail characters each time; they see at most TEXT_WINDOW and
 *   EMAIL_WINDOW characters of such a run.
 * - Time: every tokenizer step checks the render's deadline and throws
 *   RenderBudgetExceeded when it has passed.
 */
export const MAX_BLOCK_DEPTH = 12;
export const MAX_INLINE_DEPTH = 12;
export const SHORT_WINDOW = 64;
export const EMPHASIS_WINDOW = 1_000;
export const FAILED_SEARCH_BUDGET = 30_000;
/** Room for the local part of an e-mail address (at most 64 characters) and its "@". */
export const TEXT_WINDOW = 80;
/** The longest e-mail address there is (RFC 5321), and one character to see where it ends. */
export const EMAIL_WINDOW = 255;

export class RenderBudgetExceeded extends Error {
  constructor() {
    super("Markdown rendering ran out of time");
  }
}

export type GuardState = { deadline: number; blockDepth: number; inlineDepth: number; failedSearch: number };

export const newGuardState = (budgetMs: number): GuardState => ({
  deadline: performance.now() + budgetMs,
  blockDepth: 0,
  inlineDepth: 0,
  failedSearch: 0,
});

type DelimiterTokenizer = (this: Tokenizer, src: string, maskedSrc: string, prevChar?: string) => Tokens.Generic | undefined;

type MayOpen = (tokenizer: Tokenizer, src: string, prevChar?: string) => boolean;

/**
 * Whether marked's emphasis tokenizer would search for a closing partner: the run
 * matches marked's own opening rule, and is not an underscore inside a word ("snake_case").
 */
const emphasisMayOpen: MayOpen = (tokenizer, src, prevChar = "") => {
  const m = tokenizer.rules.inline.emStrongLDelim.exec(src);
  if (!m || !(m[1] || m[2] || m[3] || m[4])) return false;
  return !(m[4] && tokenizer.rules.other.unicodeAlphaNumeric.test(prevChar));
};
const strikeMayOpen: MayOpen = (tokenizer, src) => tokenizer.rules.inline.delLDelim.test(src);

function checkDeadline(state: GuardState) {
  if (performance.now() > state.deadline) throw new RenderBudgetExceeded();
}

/** Runs a tokenizer that recurses into its content one level deeper, or not at all past the limit. */
function nested<T>(state: GuardState, kind: "blockDepth" | "inlineDepth", max: number, run: () => T): T | undefined {
  if (state[kind] >= max) return undefined;
  state[kind]++;
  try {
    return run() ?? undefined;
  } finally {
    state[kind]--;
  }
}

/** What a failed search read: each delimiter it met, and every 32 characters of other text. */
function searchCost(maskedSrc: string, from: number, to: number): number {
  let delimiters = 0;
  for (let i = from; i < to; i++) {
    const c = maskedSrc.charCodeAt(i);
    if (c === 42 || c === 95 || c === 126) delimiters++; // * _ ~
  }
  return 1 + delimiters + Math.ceil((to - from) / 32);
}

/**
 * Emphasis and strikethrough with a bounded search: marked's own tokenizer gets
 * the next few characters (SHORT_WINDOW, where nearly every real span closes),
 * then, if that found nothing, EMPHASIS_WINDOW characters, together with the few
 * before the delimiter run that decide whether it may open. A match that reaches
 * a window's edge is refused, since the characters beyond it could change it.
 */
function windowed(state: GuardState, original: DelimiterTokenizer, delimiters: string, mayOpen: MayOpen): DelimiterTokenizer {
  const within = (tokenizer: Tokenizer, src: string, maskedSrc: string, prevChar: string | undefined, size: number) => {
    if (src.length <= size) return original.call(tokenizer, src, maskedSrc, prevChar) ?? undefined;
    const at = maskedSrc.length - src.length;
    let from = at;
    while (from > 0 && at - from < 64 && maskedSrc[from - 1] === src[0]) from--;
    from = Math.max(0, from - 2);
    const found = original.call(tokenizer, src.slice(0, size), maskedSrc.slice(from, at + size), prevChar) ?? undefined;
    return found && found.raw.length < size - 1 ? found : undefined;
  };
  return function (this: Tokenizer, src, maskedSrc, prevChar) {
    // marked asks at every position; only a delimiter can start a span.
    if (!delimiters.includes(src[0] ?? " ")) return undefined;
    checkDeadline(state);
    if (state.inlineDepth >= MAX_INLINE_DEPTH) return undefined;
    // Only a delimiter run that may open a span searches for its partner.
    const searches = mayOpen(this, src, prevChar);
    if (searches && state.failedSearch >= FAILED_SEARCH_BUDGET) return undefined;
    state.inlineDepth++;
    try {
      const token =
        within(this, src, maskedSrc, prevChar, SHORT_WINDOW) ??
        (src.length > SHORT_WINDOW ? within(this, src, maskedSrc, prevChar, EMPHASIS_WINDOW) : undefined);
      if (!token && searches) {
        const at = maskedSrc.length - src.length;
        state.failedSearch += searchCost(maskedSrc, at, at + Math.min(src.length, EMPHASIS_WINDOW));
      }
      return token;
    } finally {
      state.inlineDepth--;
    }
  };
}

// The characters GFM allows before the "@" of a bare e-mail address.
const ADDRESS_CHAR = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?_`{|}~-") ADDRESS_CHAR[c.charCodeAt(0)] = 1;

/**
 * Where to cut plain text for the text rule. Its look-ahead reads the run of
 * address characters at the start of each token; a run longer than TEXT_WINDOW
 * (no space, no newline, no "@" an address could end at) is cut there.
 */
export function textWindowEnd(src: string): number {
  if (src.length <= TEXT_WINDOW) return src.length;
  for (let i = 0; i < TEXT_WINDOW; i++) {
    const c = src.charCodeAt(i);
    if (c >= 128 || !ADDRESS_CHAR[c]) return src.length;
  }
  return TEXT_WINDOW;
}

export function guardExtension(state: GuardState): MarkedExtension {
  const proto = Tokenizer.prototype;
  const tick = () => {
    checkDeadline(state);
    return undefined;
  };
  return {
    extensions: [
      { name: "renderBudgetBlock", level: "block", tokenizer: tick },
      { name: "renderBudgetInline", level: "inline", tokenizer: tick },
    ],
    tokenizer: {
      blockquote(src) {
        return nested(state, "blockDepth", MAX_BLOCK_DEPTH, () => proto.blockquote.call(this, src));
      },
      list(src) {
        return nested(state, "blockDepth", MAX_BLOCK_DEPTH, () => proto.list.call(this, src));
      },
      link(src) {
        return nested(state, "inlineDepth", MAX_INLINE_DEPTH, () => proto.link.call(this, src));
      },
      reflink(src, links) {
        return nested(state, "inlineDepth", MAX_INLINE_DEPTH, () => proto.reflink.call(this, src, links));
      },
      emStrong: windowed(state, proto.emStrong as DelimiterTokenizer, "*_", emphasisMayOpen),
      del: windowed(state, proto.del as DelimiterTokenizer, "~", strikeMayOpen),
      url(src) {
        // A web address starts with its scheme or www. and is read whole; anything else can only be an e-mail address.
        const end = /^(?:https?:|ftp:|www\.|mailto:|xmpp:)/i.test(src) ? src.length : EMAIL_WINDOW;
        return proto.url.call(this, src.slice(0, end)) ?? undefined;
      },
      inlineText(src) {
        return proto.inlineText.call(this, src.slice(0, textWindowEnd(src))) ?? undefined;
      },
    },
  } as MarkedExtension;
}
