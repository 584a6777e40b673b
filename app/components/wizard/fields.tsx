import type { ReactNode, TextareaHTMLAttributes } from "react";
import { FieldShell } from "~/components/form.tsx";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";

/** An error message id for a field, so controls can point at it with aria-describedby. */
export const errorId = (name: string) => `error-${name.replace(/\W/g, "-")}`;

export function FieldError({ name, error }: { name: string; error?: string }) {
  const { t } = useTranslation();
  return error ? (
    <p className="field-error" id={errorId(name)}>
      {t(error)}
    </p>
  ) : null;
}

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
    <p className={`field-hint ${counter.value > counter.max ? "error-text" : ""}`}>{t("apply.charactersLeft", { count: counter.max - counter.value })}</p>
  ) : null;
  return (
    <FieldShell label={label} hint={hint} error={error} note={note}>
      {(ids) => <textarea rows={5} {...textarea} {...registration} {...ids} />}
    </FieldShell>
  );
}

/** A radio group as a fieldset with a legend, as screen readers expect. */
export function RadioGroup({
  legend,
  name,
  error,
  children,
}: {
  legend: string;
  name: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="field radio-group" aria-describedby={error ? errorId(name) : undefined}>
      <legend>{legend}</legend>
      {children}
      <FieldError name={name} error={error} />
    </fieldset>
  );
}
