import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { useValidatedForm } from "~/components/form.tsx";
import { ReviewerProfileFields } from "~/components/reviewer-profile-fields.tsx";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { listSites } from "~/models/reference-data.server.ts";
import { getReviewer, setReviewerActive, updateReviewerProfile } from "~/models/reviewer.server.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";
import { REVIEWER_ARRAY_FIELDS, reviewerProfileSchema } from "~/schemas/reviewer.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.reviewers.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const [reviewer, sites] = await Promise.all([getReviewer(params.id ?? ""), listSites()]);
  const found = ensureFound(reviewer);
  return json({
    reviewer: {
      id: found.id,
      name: found.name,
      email: found.email,
      active: found.active,
      sectors: found.reviewerProfile?.sectors.split(",").filter(Boolean) ?? [],
      siteIds: found.reviewerProfile?.sites.map((s) => s.id) ?? [],
      maxLoad: found.reviewerProfile?.maxLoad ?? 10,
    },
    sites: sites.filter((s) => s.status === "OPEN"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const reviewer = ensureFound(await getReviewer(params.id ?? ""));
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "deactivate" || intent === "activate") {
    const { released } = await setReviewerActive(reviewer.id, intent === "activate", admin.id);
    const key = intent === "activate" ? "reviewers.reactivated" : "reviewers.deactivated";
    return redirectWithFlash(`/admin/reviewers/${reviewer.id}`, { kind: "success", key, values: { count: released } });
  }
  const parsed = parseForm(reviewerProfileSchema, formData, { arrays: REVIEWER_ARRAY_FIELDS });
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  await updateReviewerProfile(reviewer.id, parsed.data, admin.id);
  return redirectWithFlash(`/admin/reviewers/${reviewer.id}`, { kind: "success", key: "account.saved" });
}

export default function ReviewerProfile() {
  const { reviewer, sites } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(reviewerProfileSchema, {
    defaultValues: { sectors: reviewer.sectors as never, siteIds: reviewer.siteIds, maxLoad: reviewer.maxLoad },
    serverErrors: actionData?.errors,
  });
  return (
    <section className="stack">
      <p>
        <Link to="/admin/reviewers">{t("reviewers.back")}</Link>
      </p>
      <h1>{reviewer.name}</h1>
      <p>
        {reviewer.email} — {t(reviewer.active ? "reviewers.active" : "reviewers.inactive")} —{" "}
        <Link to={`/admin/access-log?staff=${reviewer.id}`}>{t("accessLog.staffLink")}</Link>
      </p>
      <Form method="post" noValidate onSubmit={onSubmit} className="card">
        <ReviewerProfileFields form={form} errorFor={errorFor} sites={sites} />
        <button type="submit" className="button">
          {t("account.save")}
        </button>
      </Form>
      <Form method="post" className="card">
        <p>{t(reviewer.active ? "reviewers.deactivateHelp" : "reviewers.activateHelp")}</p>
        <button type="submit" name="intent" value={reviewer.active ? "deactivate" : "activate"} className="button button-secondary">
          {t(reviewer.active ? "reviewers.deactivate" : "reviewers.activate")}
        </button>
      </Form>
    </section>
  );
}
