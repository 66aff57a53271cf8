import type { MetaDescriptor } from "@remix-run/node";

export const SITE_NAME = "Kommunforum Analytics";

/** Title and description for a page; every route's meta uses this. */
export function pageMeta(title: string, description: string): MetaDescriptor[] {
  return [{ title: title === SITE_NAME ? SITE_NAME : `${title} – ${SITE_NAME}` }, { name: "description", content: description }];
}
