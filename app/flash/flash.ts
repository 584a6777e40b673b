import type { TranslationKey } from "~/i18n/keys.ts";

/**
 * A message about an action, shown once on the page the action redirected to
 * (app/flash/flash.server.ts sets and reads it, app/components/flash-region.tsx shows it).
 * A key and its values, translated when shown, in the reader's language.
 */
export type Flash = {
  kind: "success" | "info" | "error";
  key: TranslationKey;
  values?: Record<string, string | number>;
};

/** The flash as the root loader hands it to the page: `id` tells two identical messages apart. */
export type ShownFlash = Flash & { id: string };
