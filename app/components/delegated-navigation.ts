import { useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";

/**
 * For long tables: each row holds a plain <a href>, and the table one click handler
 * that navigates client-side — rather than one Remix <Link>, with its hooks, per row,
 * which is most of what rendering such a page costs the server. Without JavaScript
 * the anchors are ordinary links.
 */
export function useDelegatedNavigation() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element).closest("a");
    if (!anchor || anchor.target || anchor.hasAttribute("download") || anchor.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(anchor.pathname + anchor.search + anchor.hash);
  };
}
