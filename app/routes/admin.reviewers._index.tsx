import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { SelectField, TextField, useValidatedForm } from "~/components/form.tsx";
import { ReviewerProfileFields } from "~/components/reviewer-profile-fields.tsx";
import { LOCALES } from "~/domain/constants.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { listSites } from "~/models/reference-data.server.ts";
import { inviteReviewer, listReviewers } from "~/models/reviewer.server.ts";
import { inviteReviewerSchema, REVIEWER_ARRAY_FIELDS } from "~/schemas/reviewer.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.reviewers.title);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const [reviewers, sites] = await Promise.all([listReviewers(), listSites()]);
  return json({
    reviewers: reviewers.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      active: r.active,
      invited: !r.passwordHash,
      sectors: r.reviewerProfile?.sectors.split(",").filter(Boolean) ?? [],
      sites: r.reviewerProfile?.sites.map((s) => s.name) ?? [],
      maxLoad: r.reviewerProfile?.maxLoad ?? 0,
      openAssignments: r._count.assignments,
    })),
    sites: sites.filter((s) => s.status === "OPEN"),
  });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const parsed = parseForm(inviteReviewerSchema, await readFormData(request), { arrays: REVIEWER_ARRAY_FIELDS });
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  await inviteReviewer(parsed.data, admin);
  return redirectWithFlash("/admin/reviewers", { kind: "success", key: "reviewers.invited", values: { email: parsed.data.email } });
}

export default function Reviewers() {
  const { reviewers, sites } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  // A refused invitation (address taken) answers with what was typed.
  const typed = actionData && "values" in actionData ? actionData.values : undefined;
  const { form, onSubmit, errorFor } = useValidatedForm(inviteReviewerSchema, {
    defaultValues: { name: typed?.name ?? "", email: typed?.email ?? "", locale, sectors: [], siteIds: [], maxLoad: 15 },
    serverErrors: actionData?.errors,
  });
  return (
    <section className="stack">
      <h1>{t("reviewers.title")}</h1>
      <DataTable
        caption={t("reviewers.title")}
        rows={reviewers}
        rowKey={(reviewer) => reviewer.id}
        emptyMessage={t("admin.tableEmpty")}
        columns={[
          {
            key: "name",
            userText: true,
            header: t("auth.name"),
            rowHeader: true,
            cell: (reviewer) => (
              <>
                <Link to={reviewer.id}>{reviewer.name}</Link>
                <br />
                <small>{reviewer.email}</small>
              </>
            ),
          },
          {
            key: "expertise",
            header: t("reviewers.expertise"),
            cell: (reviewer) => (
              <>
                {reviewer.sectors.map((s) => t(`sectors.${s}`)).join(", ")}
                <br />
                <small>{reviewer.sites.join(", ")}</small>
              </>
            ),
          },
          {
            key: "load",
            header: t("reviewers.load"),
            cell: (reviewer) => (
              <>
                {reviewer.openAssignments} / {reviewer.maxLoad}
              </>
            ),
          },
          {
            key: "state",
            header: t("reviewers.state"),
            cell: (reviewer) =>
              t(reviewer.active ? (reviewer.invited ? "reviewers.invitedState" : "reviewers.active") : "reviewers.inactive"),
          },
        ]}
      />
      <section className="card" aria-labelledby="invite-title">
        <h2 id="invite-title">{t("reviewers.inviteTitle")}</h2>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <TextField label={t("auth.name")} error={errorFor("name")} registration={form.register("name")} />
          <TextField label={t("auth.email")} type="email" error={errorFor("email")} registration={form.register("email")} />
          <SelectField
            label={t("account.language")}
            error={errorFor("locale")}
            registration={form.register("locale")}
            options={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          />
          <ReviewerProfileFields form={form} errorFor={errorFor} sites={sites} />
          <button type="submit" className="button">
            {t("reviewers.invite")}
          </button>
        </Form>
      </section>
    </section>
  );
}
