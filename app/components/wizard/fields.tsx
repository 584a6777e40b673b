import type { TextareaHTMLAttributes } from "react";
import { FieldShell } from "~/components/form.tsx";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name"> & {
  label: string;
  hint?: string;
  error?: string;
  registration: UseFormRegisterReturn;
  counter?: { value: number; max: number };
};

export function TextAreaField({ label, hint, error, registration, counter, ...textarea }: TextAreaFieldProps) {
  const { t } = useTranslation();
  const note = counter ? (
    <p className={`field-hint ${counter.value > counter.max ? "error-text" : ""}`}>
      {t("apply.charactersLeft", { count: counter.max - counter.value })}
    </p>
  ) : null;
  return (
    <FieldShell label={label} hint={hint} error={error} note={note}>
      {(ids) => <textarea rows={5} dir="auto" {...textarea} {...registration} {...ids} />}
    </FieldShell>
  );
}
