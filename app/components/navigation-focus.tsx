import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * After a client-side navigation to another page, focus goes to the new page's
 * `h1` (else to `<main>`), so a screen reader reads where the visitor landed and
 * the next Tab starts at the content, as after a full page load. Not on the first
 * load, not when only the query or the hash changes (filters, sorting), and not
 * when the new page has already put focus on something that asked for it
 * (`data-takes-focus`: an error summary, a confirmation).
 */
export function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    if (document.activeElement?.closest("[data-takes-focus]")) return;
    const main = document.getElementById("huvudinnehall");
    const heading = main?.querySelector<HTMLElement>("h1");
    if (heading && !heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    (heading ?? main)?.focus();
  }, [pathname]);
}
