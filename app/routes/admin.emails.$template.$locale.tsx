import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import {
  ACTION_DEADLINES,
  renderEmail,
  SAMPLE_PAYLOADS,
  wordingSpec,
  type CustomWording,
  type EmailTemplate,
} from "../../emails/render.tsx";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { EmailPreview } from "~/components/email-preview.tsx";
import { FieldShell, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { isLocale, LOCALES, type Locale } from "~/domain/constants.ts";
import { checkWording, type WordingField } from "~/domain/email-placeholders.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { isEmailTemplate, saveWording, wordingEditor, wordingsInUse } from "~/models/email-template.server.ts";
import { emailWordingResetSchema, emailWordingSchema } from "~/schemas/email-template.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.emailTemplates.editTitle);

/** The template and language of the URL; anything else is a 404. */
function edited(params: { template?: string; locale?: string }): { template: EmailTemplate; locale: Locale } {
  const template = ensureFound(params.template && isEmailTemplate(params.template) ? params.template : null);
  const locale = ensureFound(isLocale(params.locale) ? params.locale : null);
  return { template, locale };
}

/**
 * The email rendered from the sample data in the three languages, exactly as it will be sent: the wording in
 * use in each, the one being edited replaced by `draft`.
 */
async function previews(template: EmailTemplate, locale: Locale, draft: CustomWording | null | undefined) {
  const inUse = await wordingsInUse(template);
  return Promise.all(
    LOCALES.map(async (language) => {
      const isDraft = language === locale && draft !== undefined;
      const wording = isDraft ? draft : inUse[language];
      const { subject, html, text } = await renderEmail(template, language, SAMPLE_PAYLOADS[template], wording);
      return { language, isDraft, subject, html, text };
    }),
  );
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const { template, locale } = edited(params);
  const readerLocale = await getLocale(request);
  const editor = await wordingEditor(template, locale);
  return json({
    template,
    locale,
    spec: wordingSpec(template),
    asksForAnswer: ACTION_DEADLINES[template] !== undefined,
    version: editor.version,
    custom: editor.custom !== null,
    wording: editor.wording,
    history: editor.history.map((entry) => ({ ...entry, createdAt: formatDate(entry.createdAt, readerLocale, "dateTime") })),
    previews: await previews(template, locale, undefined),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const { template, locale } = edited(params);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const path = `/admin/emails/${template}/${locale}`;
  if (intent === "reset") {
    const parsed = parseForm(emailWordingResetSchema, formData);
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, previews: null }, { status: 400 });
    await saveWording({ template, locale, baseVersion: parsed.data.baseVersion, wording: "reset" }, admin.id);
    return redirectWithFlash(path, { kind: "success", key: "emailTemplates.resetDone" });
  }
  const parsed = parseForm(emailWordingSchema(wordingSpec(template)), formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, previews: null }, { status: 400 });
  const wording = { subject: parsed.data.subject, body: parsed.data.body };
  if (intent === "preview") {
    return json({
      errors: {},
      values: { ...wording, baseVersion: String(parsed.data.baseVersion) },
      previews: await previews(template, locale, wording),
    });
  }
  const version = await saveWording({ template, locale, baseVersion: parsed.data.baseVersion, wording }, admin.id);
  return redirectWithFlash(path, { kind: "success", key: "emailTemplates.saved", values: { version } });
}

type ActionResult = {
  errors: Record<string, string>;
  values: Record<string, string>;
  previews: Awaited<ReturnType<typeof previews>> | null;
  message?: string;
  params?: Record<string, string | number>;
};

/** An admin edits the wording of one email in one language, previews it in the three, saves or resets it (issue 18). */
export default function EmailTemplateEditor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation();
  const refusal = result?.message && Object.keys(result.errors ?? {}).length === 0 ? result.message : null;
  const shown = result?.previews ?? data.previews;
  const language = t(`language.${data.locale}`);
  const templateName = t(`emailTemplates.names.${data.template}` as never);
  return (
    <div className="stack">
      <p>
        <Link to="/admin/emails">{t("emailTemplates.back")}</Link>
      </p>
      <h1>
        {templateName} <span className="muted">({language})</span>
      </h1>
      <p>
        <code dir="ltr">{data.template}</code> —{" "}
        {data.custom ? t("emailTemplates.customWording", { version: data.version }) : t("emailTemplates.defaultWording")}
      </p>
      {refusal ? <FormMessage kind="error">{t(refusal as never, result?.params)}</FormMessage> : null}

      {/* A new version (saved, reset) starts the form again from the wording now in use. */}
      <WordingForm key={data.version} data={data} result={result} />
      {data.custom ? (
        <Form method="post">
          <input type="hidden" name="baseVersion" value={data.version} />
          <button type="submit" name="intent" value="reset" className="button button-secondary">
            {t("emailTemplates.reset")}
          </button>
        </Form>
      ) : null}

      <section className="stack" aria-labelledby="preview-heading">
        <h2 id="preview-heading">{t("emailTemplates.previewHeading")}</h2>
        {shown.map((preview) => (
          <article key={preview.language} className="card stack" aria-labelledby={`preview-${preview.language}`}>
            <h3 id={`preview-${preview.language}`}>
              {t("emailTemplates.previewOf", { language: t(`language.${preview.language}`) })}{" "}
              <span className="muted">({preview.isDraft ? t("emailTemplates.previewDraft") : t("emailTemplates.previewInUse")})</span>
            </h3>
            <p lang={preview.language} dir={preview.language === "ar" ? "rtl" : "ltr"}>
              <strong>{preview.subject}</strong>
            </p>
            <EmailPreview html={preview.html} text={preview.text} title={preview.subject} />
          </article>
        ))}
      </section>

      <section className="stack" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("emailTemplates.history")}</h2>
        {data.history.length === 0 ? <p className="muted">{t("emailTemplates.historyEmpty")}</p> : null}
        {data.history.map((entry) => (
          <details key={entry.version} className="card">
            <summary>
              {t("emailTemplates.version", { version: entry.version })} —{" "}
              {t("emailTemplates.byOn", { author: entry.author, date: entry.createdAt })}
              {entry.isReset ? ` — ${t("emailTemplates.resetEntry")}` : null}
            </summary>
            <pre className="wording-diff" dir="auto" data-shows-placeholders>
              {entry.changes.map((change, index) =>
                change.added ? (
                  <ins key={index}>{change.value}</ins>
                ) : change.removed ? (
                  <del key={index}>{change.value}</del>
                ) : (
                  <span key={index}>{change.value}</span>
                ),
              )}
            </pre>
          </details>
        ))}
      </section>
    </div>
  );
}

function WordingForm({ data, result }: { data: ReturnType<typeof useLoaderData<typeof loader>>; result: ActionResult | undefined }) {
  const { t } = useTranslation();
  const schema = useMemo(() => emailWordingSchema(data.spec), [data.spec]);
  const { form, onSubmit, errorFor } = useValidatedForm(schema, {
    defaultValues: {
      subject: result?.values.subject ?? data.wording.subject,
      body: result?.values.body ?? data.wording.body,
      baseVersion: data.version,
    },
    serverErrors: result?.errors,
  });
  // The placeholder an error names is found again from the text on screen (the schema's errors are keys).
  const watched = form.watch();
  const paramsFor = (field: WordingField) =>
    checkWording({ subject: String(watched.subject ?? ""), body: String(watched.body ?? "") }, data.spec).find((e) => e.field === field)
      ?.params;
  const dir = data.locale === "ar" ? "rtl" : "ltr";
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="card stack">
      <input type="hidden" {...form.register("baseVersion")} value={data.version} />
      <FieldShell label={t("emailTemplates.subject")} error={errorFor("subject")} errorParams={paramsFor("subject")}>
        {(ids) => <input dir={dir} lang={data.locale} {...form.register("subject")} {...ids} />}
      </FieldShell>
      <FieldShell
        label={t("emailTemplates.body")}
        hint={t("emailTemplates.bodyHint")}
        error={errorFor("body")}
        errorParams={paramsFor("body")}
      >
        {(ids) => <textarea rows={14} dir={dir} lang={data.locale} {...form.register("body")} {...ids} />}
      </FieldShell>
      <section aria-labelledby="placeholders">
        <h2 id="placeholders">{t("emailTemplates.placeholders")}</h2>
        <p className="field-hint">{t("emailTemplates.placeholdersHint")}</p>
        <ul className="placeholder-list" data-shows-placeholders>
          {data.spec.allowed.map((name) => (
            <li key={name}>
              <code dir="ltr">{`{{${name}}}`}</code>
              {data.spec.required.includes(name) ? <span className="muted"> ({t("emailTemplates.required")})</span> : null}
            </li>
          ))}
        </ul>
        {data.asksForAnswer ? <p>{t("emailTemplates.actionNote")}</p> : null}
        {data.template === "decision-rejected" || data.template === "decision-waitlisted" ? (
          <p>{t("emailTemplates.feedbackNote")}</p>
        ) : null}
        {data.template === "review-assignments" ? <p>{t("emailTemplates.assignmentsNote")}</p> : null}
      </section>
      <div className="actions">
        <button type="submit" name="intent" value="preview" className="button button-secondary">
          {t("emailTemplates.preview")}
        </button>
        <button type="submit" name="intent" value="save" className="button">
          {t("emailTemplates.save")}
        </button>
      </div>
    </Form>
  );
}
