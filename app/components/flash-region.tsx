import { useLocation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ShownFlash } from "~/flash/flash.ts";

/**
 * The one live region where a message about an action appears after its redirect
 * (app/flash/flash.server.ts). It is always in the page, so a message put into it is
 * announced; it shows on the page the message came with and goes at the next navigation.
 */
export function FlashRegion({ flash }: { flash: ShownFlash | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  const [seen, setSeen] = useState({ id: flash?.id ?? null, locationKey: location.key, dismissed: false });
  // A new message (a new id) belongs to the location it arrived with.
  if ((flash?.id ?? null) !== seen.id) setSeen({ id: flash?.id ?? null, locationKey: location.key, dismissed: false });
  const shown = flash && flash.id === seen.id && seen.locationKey === location.key && !seen.dismissed ? flash : null;
  return (
    <div className={shown ? `flash flash-${shown.kind}` : "flash"}>
      <div id="flash" className="flash-text" role="status" aria-live="polite" aria-atomic="true">
        {shown ? t(shown.key, shown.values) : null}
      </div>
      {shown ? (
        <button
          type="button"
          className="link-button flash-dismiss"
          aria-label={t("nav.dismissMessage")}
          onClick={() => setSeen({ ...seen, dismissed: true })}
        >
          ×
        </button>
      ) : null}
    </div>
  );
}
