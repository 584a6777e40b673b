import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { FormMessage } from "~/components/form-message.tsx";
import { ApplicationTimeline } from "~/components/timeline.tsx";
import { checkTransition, isEditableByFounder } from "~/domain/lifecycle.ts";
import { timelineView } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { founderTimelines, getFounderApplication } from "~/models/application.server.ts";
import { TransitionError } from "~/models/lifecycle.server.ts";
import { withdrawApplication } from "~/models/offer.server.ts";
import { readFormData } from "~/schemas/form-data.ts";
import { withdrawSchema } from "~/schemas/withdraw.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.apply.overviewTitle);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const application = ensureFound(await getFounderApplication(params.id ?? "", user.id));
  const now = new Date();
  const [timeline] = await founderTimelines([application]);
  const canWithdraw = checkTransition("withdraw", application.status, {
    now,
    actor: { kind: "user", id: user.id, roles: user.roles },
    isOwner: true,
    call: application.call,
    assignments: { pending: 0, submitted: 0 },
    decisionHidden: timeline.visibleStatus !== application.status,
  }).ok;
  // Only what the founder may know leaves the server: never a staged decision.
  return json({
    id: application.id,
    version: application.version,
    projectName: application.projectName,
    status: timeline.visibleStatus,
    callTitle: application.call.title,
    editable: isEditableByFounder(application.status, application.call, now),
    canWithdraw,
    timeline: timelineView(timeline, await getLocale(request)),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const application = ensureFound(await getFounderApplication(params.id ?? "", user.id));
  const parsed = withdrawSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return json({ error: "apply.withdrawConfirmRequired" }, { status: 400 });
  try {
    await withdrawApplication(application.id, user, parsed.data.version);
  } catch (error) {
    if (error instanceof TransitionError) return json({ error: error.messageKey }, { status: error.status });
    throw error;
  }
  return redirect(`/founder/applications/${application.id}`);
}

export default function ApplicationOverview() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <p>
        <Link to="/founder">{t("nav.founder.dashboard")}</Link>
      </p>
      <h1>{data.projectName || t("apply.untitled")}</h1>
      <p className="muted">{data.callTitle}</p>
      {searchParams.get("submitted") ? <FormMessage kind="success">{t("apply.submittedMessage")}</FormMessage> : null}
      {actionData?.error ? <FormMessage kind="error">{t(actionData.error)}</FormMessage> : null}
      {data.status === "DRAFT" ? (
        <p className="card">{t("apply.draftExplanation")}</p>
      ) : (
        <ApplicationTimeline timeline={data.timeline} />
      )}
      {["ACCEPTED", "ENROLLED", "DECLINED"].includes(data.status) ? (
        <p>
          <Link className="button" to="offer">
            {t("offer.see")}
          </Link>
        </p>
      ) : null}
      {data.editable ? (
        <p>
          <Link className="button" to="edit/project">
            {data.status === "DRAFT" ? t("apply.continueDraft") : t("apply.editSubmitted")}
          </Link>
        </p>
      ) : null}
      {data.canWithdraw ? (
        <details className="card">
          <summary>{t("apply.withdraw")}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="version" value={data.version} />
            <p>{t("apply.withdrawWarning")}</p>
            <label className="choice">
              <input type="checkbox" name="confirm" required /> {t("apply.withdrawConfirm")}
            </label>
            <button type="submit" className="button">
              {t("apply.withdraw")}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
