import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { EmailsPreview, type EmailsPreviewData } from "~/components/emails-preview.tsx";
import { ChoiceGroup, choiceProps, SelectField, TextField, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { TextAreaField } from "~/components/wizard/fields.tsx";
import { ANNOUNCEMENT_BODY_MAX, ANNOUNCEMENT_SUBJECT_MAX, ANNOUNCEMENTS_PER_HOUR } from "~/domain/announcements.ts";
import { APPLICATION_STATUSES } from "~/domain/constants.ts";
import { userErrorResponse, withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { announcementFormOptions, listAnnouncements, previewAnnouncement, sendAnnouncement } from "~/models/announcement.server.ts";
import {
  ANNOUNCEMENT_ARRAY_FIELDS,
  announcementConfirmationSchema,
  announcementSchema,
  type AnnouncementInput,
} from "~/schemas/announcement.ts";
import { parseForm, readFormData, typedValues } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.announcements.title);

const PAGE = "/admin/announcements";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const locale = await getLocale(request);
  const [options, announcements] = await Promise.all([announcementFormOptions(locale), listAnnouncements(locale)]);
  // Reached from a cohort's page (?cohort=) or a call's (?call=): that audience is chosen already.
  const query = new URL(request.url).searchParams;
  const cohortId = options.cohorts.find((cohort) => cohort.id === query.get("cohort"))?.id ?? "";
  const callId = options.calls.find((call) => call.id === query.get("call"))?.id ?? "";
  return json({ ...options, announcements, start: { audience: callId && !cohortId ? "call" : "cohort", cohortId, callId } });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const formData = await readFormData(request);
  // What was typed, answered with every outcome so the form keeps it; the ticked statuses apart (one name, many values).
  const kept = { values: typedValues(request), statuses: formData.getAll("statuses").filter((v): v is string => typeof v === "string") };
  const parsed = parseForm(announcementSchema, formData, { arrays: ANNOUNCEMENT_ARRAY_FIELDS });
  if (!parsed.ok) return json({ ...kept, errors: parsed.errors }, { status: 400 });
  if (formData.get("intent") !== "send") return json({ ...kept, preview: await previewAnnouncement(parsed.data) });
  try {
    const confirmation = parseForm(announcementConfirmationSchema, formData);
    if (!confirmation.ok)
      return json({ ...kept, errors: confirmation.errors, message: "announcements.errors.previewFirst" as const }, { status: 400 });
    const sent = await sendAnnouncement(admin.id, parsed.data, confirmation.data);
    return redirectWithFlash(PAGE, { kind: "success", key: "announcements.sent", values: { count: sent.recipientCount } });
  } catch (error) {
    // A refusal (changed since the preview, the hourly limit…) as every route answers it, with the ticked statuses.
    const refusal = userErrorResponse(error, request);
    if (!refusal) throw error;
    return json({ ...(await refusal.json()), statuses: kept.statuses }, { status: refusal.status });
  }
}

type Reply = {
  values?: Record<string, string>;
  statuses?: string[];
  errors?: Record<string, string>;
  message?: string;
  params?: Record<string, string | number>;
  preview?: Awaited<ReturnType<typeof previewAnnouncement>>;
};

/** An admin writes to a cohort, or to a call's applicants in chosen statuses (issue 18): preview, then send. */
export default function Announcements() {
  const { cohorts, calls, announcements, start } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const navigation = useNavigation();
  const { t } = useTranslation();
  const typed = reply?.values;
  const text = (name: keyof AnnouncementInput) => typed?.[name] ?? "";
  const { form, onSubmit, errorFor } = useValidatedForm(announcementSchema, {
    defaultValues: typed
      ? {
          audience: typed.audience === "call" ? "call" : "cohort",
          cohortId: text("cohortId"),
          callId: text("callId"),
          statuses: (reply?.statuses ?? []) as never,
          subject: text("subject"),
          body: text("body"),
          subjectEn: text("subjectEn"),
          bodyEn: text("bodyEn"),
          subjectAr: text("subjectAr"),
          bodyAr: text("bodyAr"),
        }
      : { audience: start.audience as "cohort" | "call", cohortId: start.cohortId, callId: start.callId, statuses: [] },
    serverErrors: reply?.errors,
  });
  const preview = reply?.preview;
  const busy = navigation.state !== "idle";
  return (
    <section className="stack">
      <h1>{t("announcements.title")}</h1>
      <p className="muted">{t("announcements.intro", { count: ANNOUNCEMENTS_PER_HOUR })}</p>
      {reply?.message ? <FormMessage kind="error">{t(reply.message, reply.params)}</FormMessage> : null}

      <Form method="post" noValidate onSubmit={onSubmit} className="card stack" aria-labelledby="announcement-form-title">
        <h2 id="announcement-form-title">{t("announcements.write")}</h2>
        <ChoiceGroup legend={t("announcements.audience")} name="audience" error={errorFor("audience")}>
          <label className="choice">
            <input type="radio" {...choiceProps(form as never, "audience", "cohort")} /> {t("announcements.audienceCohort")}
          </label>
          <label className="choice">
            <input type="radio" {...choiceProps(form as never, "audience", "call")} /> {t("announcements.audienceCall")}
          </label>
        </ChoiceGroup>
        <SelectField
          label={t("announcements.cohort")}
          error={errorFor("cohortId")}
          registration={form.register("cohortId")}
          options={[{ value: "", label: t("announcements.chooseCohort") }, ...cohorts.map((c) => ({ value: c.id, label: c.label }))]}
        />
        <SelectField
          label={t("announcements.call")}
          error={errorFor("callId")}
          registration={form.register("callId")}
          options={[{ value: "", label: t("announcements.chooseCall") }, ...calls.map((c) => ({ value: c.id, label: c.label }))]}
        />
        <ChoiceGroup legend={t("announcements.statuses")} name="statuses" error={errorFor("statuses")}>
          {APPLICATION_STATUSES.map((status) => (
            <label key={status} className="choice">
              <input type="checkbox" {...choiceProps(form as never, "statuses", status)} /> {t(`statuses.${status}`)}
            </label>
          ))}
        </ChoiceGroup>

        <fieldset className="stack">
          <legend>{t("announcements.french")}</legend>
          <TextField
            label={t("announcements.subjectFr")}
            maxLength={ANNOUNCEMENT_SUBJECT_MAX}
            error={errorFor("subject")}
            registration={form.register("subject")}
          />
          <TextAreaField
            label={t("announcements.bodyFr")}
            hint={t("announcements.bodyHint")}
            rows={8}
            maxLength={ANNOUNCEMENT_BODY_MAX}
            error={errorFor("body")}
            registration={form.register("body")}
          />
        </fieldset>
        <fieldset className="stack">
          <legend>{t("announcements.english")}</legend>
          <p className="field-hint">{t("announcements.translationHint")}</p>
          <TextField
            label={t("announcements.subjectEn")}
            lang="en"
            maxLength={ANNOUNCEMENT_SUBJECT_MAX}
            error={errorFor("subjectEn")}
            registration={form.register("subjectEn")}
          />
          <TextAreaField
            label={t("announcements.bodyEn")}
            lang="en"
            rows={8}
            maxLength={ANNOUNCEMENT_BODY_MAX}
            error={errorFor("bodyEn")}
            registration={form.register("bodyEn")}
          />
        </fieldset>
        <fieldset className="stack">
          <legend>{t("announcements.arabic")}</legend>
          <p className="field-hint">{t("announcements.translationHint")}</p>
          <TextField
            label={t("announcements.subjectAr")}
            lang="ar"
            dir="rtl"
            maxLength={ANNOUNCEMENT_SUBJECT_MAX}
            error={errorFor("subjectAr")}
            registration={form.register("subjectAr")}
          />
          <TextAreaField
            label={t("announcements.bodyAr")}
            lang="ar"
            dir="rtl"
            rows={8}
            maxLength={ANNOUNCEMENT_BODY_MAX}
            error={errorFor("bodyAr")}
            registration={form.register("bodyAr")}
          />
        </fieldset>
        <div className="actions">
          <button type="submit" name="intent" value="preview" className="button button-secondary" disabled={busy}>
            {t("announcements.preview")}
          </button>
        </div>

        {preview ? (
          <section className="stack" aria-labelledby="announcement-preview-title">
            <h2 id="announcement-preview-title">{t("announcements.previewTitle")}</h2>
            <EmailsPreview preview={preview as EmailsPreviewData} />
            {preview.count > 0 ? (
              <>
                <input type="hidden" name="previewCount" value={preview.count} />
                <input type="hidden" name="previewKey" value={preview.previewKey} />
                <p className="muted">{t("announcements.sendHint")}</p>
                <div className="actions">
                  <button type="submit" name="intent" value="send" className="button" disabled={busy}>
                    {t("announcements.send", { count: preview.count })}
                  </button>
                </div>
              </>
            ) : (
              <p>{t("announcements.nobody")}</p>
            )}
          </section>
        ) : null}
      </Form>

      <DataTable
        caption={t("announcements.history")}
        rows={announcements}
        rowKey={(announcement) => announcement.id}
        emptyMessage={t("announcements.historyEmpty")}
        columns={[
          { key: "date", header: t("announcements.date"), cell: (a) => a.createdAtText },
          { key: "subject", header: t("announcements.subject"), rowHeader: true, userText: true, cell: (a) => a.subject },
          {
            key: "audience",
            header: t("announcements.audience"),
            cell: (a) =>
              a.audience.kind === "cohort" ? (
                <span dir="auto">{t("announcements.toCohort", { cohort: a.audience.label })}</span>
              ) : (
                <span dir="auto">
                  {t("announcements.toCall", {
                    call: a.audience.label,
                    statuses: a.audience.statuses.map((status) => t(`statuses.${status}`)).join(", "),
                  })}
                </span>
              ),
          },
          { key: "count", header: t("announcements.count"), numeric: true, cell: (a) => a.recipientCount },
          { key: "author", header: t("announcements.author"), userText: true, cell: (a) => a.authorName },
        ]}
      />
    </section>
  );
}
