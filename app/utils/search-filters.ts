/**
 * The search page's type filter (?typ=...) and page size. Shared by the server
 * model and the page component, so it must not live in a *.server module.
 */
export type SearchKindName = "case" | "article" | "event" | "recording" | "thread";

export const SEARCH_FILTERS = [
  { value: "alla", label: "Alla", kinds: [] },
  { value: "case", label: "Case", kinds: ["case"] },
  { value: "spaningar", label: "Spaningar", kinds: ["article"] },
  { value: "forum", label: "Forum", kinds: ["event"] },
  { value: "inspelningar", label: "Inspelningar", kinds: ["recording"] },
  { value: "diskussioner", label: "Diskussioner", kinds: ["thread"] },
] as const satisfies ReadonlyArray<{ value: string; label: string; kinds: readonly SearchKindName[] }>;

export type SearchFilter = (typeof SEARCH_FILTERS)[number]["value"];

export function parseSearchFilter(value: string | null): SearchFilter {
  return SEARCH_FILTERS.find((f) => f.value === value)?.value ?? "alla";
}

export const SEARCH_PAGE_SIZE = 10;
