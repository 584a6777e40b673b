import { useSubmit } from "@remix-run/react";
import { useId, useMemo, type FormEvent, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { useForm, type FieldValues, type Resolver, type UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { $ZodType, input, output } from "zod/v4/core";
import type { MessageParams } from "~/domain/errors.ts";

/**
 * react-hook-form's resolver for a zod schema, or for a function fetching one. zod and the resolver
 * are fetched on the first check, not with the page: a page's JavaScript carries neither (the founder
 * JavaScript budget), and a check is asynchronous anyway.
 */
function lazyZodResolver(schema: $ZodType | (() => Promise<$ZodType>)): Resolver<FieldValues> {
  let resolver: Promise<Resolver<FieldValues>> | undefined;
  return (values, context, options) => {
    resolver ??= Promise.all([import("@hookform/resolvers/zod"), typeof schema === "function" ? schema() : schema]).then(
      ([{ zodResolver }, loaded]) => zodResolver(loaded as never) as never,
    );
    return resolver.then((resolve) => resolve(values, context, options));
  };
}

/**
 * react-hook-form driven by the same zod schema the action uses (or a function fetching it). The browser
 * validates first; valid forms are posted through Remix, so the page also works
 * as a plain HTML form without JavaScript. Server errors show in the same places.
 */
export function useValidatedForm<S extends $ZodType<FieldValues, FieldValues>>(
  schema: S | (() => Promise<S>) | undefined,
  options: {
    defaultValues?: Partial<input<S>>;
    serverErrors?: Record<string, string> | null;
    /** Validate only when the clicked button carries data-validate="true" (e.g. Submit, not Save draft). */
    validateOnlyMarkedButtons?: boolean;
  } = {},
) {
  const resolver = useMemo(() => (schema ? lazyZodResolver(schema) : undefined), [schema]);
  const form = useForm<input<S>, unknown, output<S>>({
    resolver: resolver as never,
    defaultValues: options.defaultValues as never,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const submit = useSubmit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const post = () => submit(new FormData(target, submitter), { method: (target.getAttribute("method") ?? "post") as "post" });
    if (options.validateOnlyMarkedButtons && submitter?.dataset.validate !== "true") {
      event.preventDefault();
      post();
      return;
    }
    void form.handleSubmit(post)(event);
  };
  const errorFor = (name: string): string | undefined => {
    const clientError = name
      .split(".")
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], form.formState.errors) as
      { message?: string } | undefined;
    return clientError?.message ?? options.serverErrors?.[name] ?? undefined;
  };
  // Server-rendered fields must already show their values, so the page works before (and without) JavaScript.
  const register = ((name: string, registerOptions?: object) => {
    const registration = form.register(name as never, registerOptions);
    const initial = valueAt(options.defaultValues, name);
    return typeof initial === "string" || typeof initial === "number" ? { ...registration, defaultValue: initial } : registration;
  }) as typeof form.register;
  return { form: { ...form, register } as typeof form, onSubmit, errorFor };
}

function valueAt(values: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values);
}

/**
 * Props of one radio button or checkbox of a group: its value, and whether it
 * starts checked (for the server-rendered page; react-hook-form takes over after).
 */
export function choiceProps(
  form: { register: (name: never) => UseFormRegisterReturn; formState: { defaultValues?: unknown } },
  name: string,
  value: string,
) {
  const { defaultValue: _ignored, ...registration } = form.register(name as never) as UseFormRegisterReturn & { defaultValue?: unknown };
  const initial = valueAt(form.formState.defaultValues, name);
  const checked = Array.isArray(initial) ? initial.includes(value) : initial === true ? value === "on" : initial === value;
  return { ...registration, value, defaultChecked: checked };
}

type FieldShellProps = {
  label: ReactNode;
  error?: string;
  /** Values the error's message interpolates (e.g. an answer's { max }). */
  errorParams?: MessageParams;
  hint?: ReactNode;
  /** Extra live description under the control (e.g. characters left), also read with it. */
  note?: ReactNode;
  children: (ids: FieldIds) => ReactNode;
};
type FieldIds = { id: string; "aria-invalid": boolean; "aria-describedby"?: string };

/** Label, control, hint and translated error, wired for screen readers. */
export function FieldShell({ label, error, errorParams, hint, note, children }: FieldShellProps) {
  const { t } = useTranslation();
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : null, note ? `${id}-note` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {note ? <div id={`${id}-note`}>{note}</div> : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {t(error, errorParams)}
        </p>
      ) : null}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "name"> & {
  label: string;
  error?: string;
  hint?: string;
  registration: UseFormRegisterReturn;
};

export function TextField({ label, error, hint, registration, ...input }: TextFieldProps) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {(ids) => <input dir="auto" {...input} {...registration} {...ids} />}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "name"> & {
  label: string;
  error?: string;
  registration: UseFormRegisterReturn;
  options: Array<{ value: string; label: string }>;
};

export function SelectField({ label, error, registration, options, ...select }: SelectFieldProps) {
  return (
    <FieldShell label={label} error={error}>
      {(ids) => (
        <select {...select} {...registration} {...ids}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** Several choices under one name: checkboxes in a ChoiceGroup. */
export function CheckboxGroup({
  legend,
  error,
  registration,
  options,
  checked = [],
}: {
  legend: string;
  error?: string;
  registration: UseFormRegisterReturn;
  options: Array<{ value: string; label: string }>;
  /** Values ticked when the page is first rendered. */
  checked?: readonly string[];
}) {
  return (
    <ChoiceGroup legend={legend} name={registration.name} error={error}>
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input type="checkbox" {...registration} value={option.value} defaultChecked={checked.includes(option.value)} />
          {option.label}
        </label>
      ))}
    </ChoiceGroup>
  );
}

/** An error message id for a field, so controls can point at it with aria-describedby. */
export const errorId = (name: string) => `error-${name.replace(/\W/g, "-")}`;

export function FieldError({ name, error, errorParams }: { name: string; error?: string; errorParams?: MessageParams }) {
  const { t } = useTranslation();
  return error ? (
    <p className="field-error" id={errorId(name)}>
      {t(error, errorParams)}
    </p>
  ) : null;
}

/** Radio buttons or checkboxes under one name, as a fieldset with a legend, as screen readers expect. */
export function ChoiceGroup({
  legend,
  name,
  error,
  errorParams,
  children,
}: {
  legend: ReactNode;
  name: string;
  error?: string;
  errorParams?: MessageParams;
  children: ReactNode;
}) {
  return (
    <fieldset className="field radio-group" aria-describedby={error ? errorId(name) : undefined}>
      <legend>{legend}</legend>
      {children}
      <FieldError name={name} error={error} errorParams={errorParams} />
    </fieldset>
  );
}
