import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";

export type AutosaveState = "idle" | "saving" | "saved" | "error";
export const AUTOSAVE_DELAY_MS = 1500;

/** The autosave's answer; for a shared draft, what other members changed (app/domain/draft-merge.ts). */
export type AutosaveReply = {
  saved: boolean;
  errors: Record<string, string>;
  conflicts?: Record<string, unknown>;
  updated?: Record<string, unknown>;
  base?: Record<string, unknown>;
};

/**
 * Saves the whole form to `url` a moment after the founder stops typing. Posts
 * the form's own text fields, so the server sees exactly what a plain submit
 * sends; a failed save keeps the form as typed and offers a retry.
 */
export function useAutosave(formRef: RefObject<HTMLFormElement>, url: string, enabled: boolean, onReply?: (reply: AutosaveReply) => void) {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latestRequest = useRef(0);
  const [state, setState] = useState<AutosaveState>("idle");
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});

  const saveNow = useCallback(async () => {
    clearTimeout(timer.current);
    const form = formRef.current;
    if (!form || !enabled) return;
    const body = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === "string" && key !== "intent") body.append(key, value);
    const request = ++latestRequest.current;
    setState("saving");
    try {
      const response = await fetch(url, { method: "POST", body, headers: { Accept: "application/json" } });
      const reply = (await response.json()) as AutosaveReply;
      if (request !== latestRequest.current) return; // a newer save is under way
      setServerErrors(reply.errors ?? {});
      setState(response.ok && reply.saved ? "saved" : "error");
      // After the state: a save the reply schedules (another member's answer taken into the page) says "saving".
      if (response.ok) onReply?.(reply);
    } catch {
      if (request === latestRequest.current) setState("error");
    }
  }, [enabled, formRef, url, onReply]);

  const scheduleSave = useCallback(() => {
    if (!enabled) return;
    setState("saving");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
  }, [enabled, saveNow]);

  useEffect(() => () => clearTimeout(timer.current), []);
  return { state, scheduleSave, saveNow, serverErrors };
}

/** The saved / saving / not saved — retry indicator, announced politely to screen readers. */
export function AutosaveStatus({ state, onRetry }: { state: AutosaveState; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className={`autosave autosave-${state}`} role="status" aria-live="polite">
      {state === "saving" ? t("apply.autosave.saving") : null}
      {state === "saved" ? t("apply.autosave.saved") : null}
      {state === "error" ? (
        <>
          {t("apply.autosave.error")}{" "}
          <button type="button" className="link-button" onClick={onRetry}>
            {t("apply.autosave.retry")}
          </button>
        </>
      ) : null}
    </div>
  );
}
