import { useId, useSyncExternalStore, type ReactNode } from "react";
import type { FieldErrors } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { FieldShell } from "~/components/form.tsx";
import type { FieldMessage } from "./editor-forms.ts";

/** Whether the page runs with JavaScript yet: before, it renders as the server did (every field shown, for a plain post). */
export function useHydrated(): boolean {
  // false on the server and while hydrating (the same markup on both sides), true after.
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

const subscribeToNothing = () => () => {};

/**
 * The error of field `name`: the browser's own check (react-hook-form with the form's schema), or
 * else the server's answer to the last post, with the values its message interpolates.
 */
export function fieldErrors(clientErrors: FieldErrors, serverErrors: Record<string, FieldMessage>) {
  return (name: string): FieldMessage | undefined => {
    const client = name.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], clientErrors) as
      { message?: unknown } | undefined;
    if (typeof client?.message === "string" && client.message) return { key: client.message };
    return Object.hasOwn(serverErrors, name) ? serverErrors[name] : undefined;
  };
}

export function ErrorText({ id, error }: { id: string; error?: FieldMessage }) {
  const { t } = useTranslation();
  return error ? (
    <p className="field-error" id={id}>
      {t(error.key, error.params)}
    </p>
  ) : null;
}

/** Label, control, hint and translated error (with its values): the app's FieldShell, given an editor's error. */
export function EditorField({
  label,
  hint,
  error,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldMessage;
  children: Parameters<typeof FieldShell>[0]["children"];
}) {
  return (
    <FieldShell label={label} hint={hint} error={error?.key} errorParams={error?.params}>
      {children}
    </FieldShell>
  );
}

/** A group of controls (checkboxes, a choice's line, a type's settings) under a legend, with its error. */
export function EditorFieldset({
  legend,
  hint,
  error,
  hidden,
  className = "plain-fieldset stack",
  children,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: FieldMessage;
  hidden?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={className} hidden={hidden} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      <ErrorText id={`${id}-error`} error={error} />
    </fieldset>
  );
}
