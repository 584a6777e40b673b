import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { SelectField, TextField, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { ReviewerProfileFields } from "~/components/reviewer-profile-fields.tsx";
import { LOCALES } from "~/domain/constants.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { listSites } from "~/models/catalog.server.ts";
import { inviteReviewer, listReviewers } from "~/models/reviewer.server.ts";
import { EmailTakenError } from "~/models/user.server.ts";
import { inviteReviewerSchema, REVIEWER_ARRAY_FIELDS } from "~/schemas/reviewer.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

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

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const parsed = parseForm(inviteReviewerSchema, await readFormData(request), { arrays: REVIEWER_ARRAY_FIELDS });
  if (!parsed.ok) return json({ errors: parsed.errors, invited: null }, { status: 400 });
  try {
    await inviteReviewer(parsed.data, admin);
  } catch (error) {
    if (error instanceof EmailTakenError) return json({ errors: { email: "auth.emailTaken" }, invited: null }, { status: 409 });
    throw error;
  }
  return json({ errors: {}, invited: parsed.data.email });
}

export default function Reviewers() {
  const { reviewers, sites } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const { form, onSubmit, errorFor } = useValidatedForm(inviteReviewerSchema, {
    defaultValues: { locale, sectors: [], siteIds: [], maxLoad: 15 },
    serverErrors: actionData?.errors,
  });
  return (
    <section className="stack">
      <h1>{t("reviewers.title")}</h1>
      {actionData?.invited ? <FormMessage kind="success">{t("reviewers.invited", { email: actionData.invited })}</FormMessage> : null}
      <div className="table-scroll">
        <table className="data-table">
          <caption>{t("reviewers.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("auth.name")}</th>
              <th scope="col">{t("reviewers.expertise")}</th>
              <th scope="col">{t("reviewers.load")}</th>
              <th scope="col">{t("reviewers.state")}</th>
            </tr>
          </thead>
          <tbody>
            {reviewers.map((reviewer) => (
              <tr key={reviewer.id}>
                <td>
                  <Link to={reviewer.id}>{reviewer.name}</Link>
                  <br />
                  <small>{reviewer.email}</small>
                </td>
                <td>
                  {reviewer.sectors.map((s) => t(`sectors.${s}`)).join(", ")}
                  <br />
                  <small>{reviewer.sites.join(", ")}</small>
                </td>
                <td>
                  {reviewer.openAssignments} / {reviewer.maxLoad}
                </td>
                <td>{t(reviewer.active ? (reviewer.invited ? "reviewers.invitedState" : "reviewers.active") : "reviewers.inactive")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
