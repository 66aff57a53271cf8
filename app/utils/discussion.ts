/** Shared (browser-safe) constants and helpers for discussions. */
import { MARKDOWN_LIMITS } from "./markdown-limits";

export const THREAD_SORTS = {
  aktivitet: "Senaste aktivitet",
  nya: "Nyast",
  obesvarade: "Obesvarade",
  roster: "Flest röster",
} as const;
export type ThreadSort = keyof typeof THREAD_SORTS;
export const DEFAULT_THREAD_SORT: ThreadSort = "aktivitet";

export function parseThreadSort(value: string | null | undefined): ThreadSort {
  return value && Object.hasOwn(THREAD_SORTS, value) ? (value as ThreadSort) : DEFAULT_THREAD_SORT;
}

export const ANSWER_SORTS = { roster: "Flest röster", datum: "Äldst först" } as const;
export type AnswerSort = keyof typeof ANSWER_SORTS;
export function parseAnswerSort(value: string | null | undefined): AnswerSort {
  return value === "datum" ? "datum" : "roster";
}

export const THREADS_PER_PAGE = 20;
export const ANSWERS_PER_PAGE = 20;

export const TITLE_MIN = 8;
export const TITLE_MAX = 150;
export const MAX_TAGS = 5;
export const BODY_MAX = MARKDOWN_LIMITS.post;
export const COMMENT_MAX = MARKDOWN_LIMITS.comment;

/** New members: accounts younger than this, or with fewer posts, get stricter limits. */
export const NEW_MEMBER_DAYS = 3;
export const NEW_MEMBER_POSTS = 3;
export const NEW_MEMBER_MAX_LINKS = 2;

export const HIDDEN_POST_PLACEHOLDER = "Inlägget har dolts av en moderator.";
/** A post whose text could not be rendered when it was written (see ADR 011). */
export const UNRENDERABLE_POST_PLACEHOLDER = "Inlägget kan inte visas: texten går inte att återge.";
export const LOCKED_THREAD_MESSAGE = "Tråden är låst av en moderator. Det går inte längre att svara eller kommentera.";

/** The thread list's query string: ?ordning=&tagg=&efter= (unknown values fall back to defaults). */
export function readListQuery(url: URL): { sort: ThreadSort; tag: string; cursor: string | null } {
  const tag = url.searchParams.get("tagg") ?? "";
  return {
    sort: parseThreadSort(url.searchParams.get("ordning")),
    tag: /^[a-z0-9-]{1,80}$/.test(tag) ? tag : "",
    cursor: url.searchParams.get("efter"),
  };
}
