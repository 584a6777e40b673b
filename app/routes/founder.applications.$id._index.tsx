import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { FormMessage } from "~/components/form-message.tsx";
import { ApplicationTimeline } from "~/components/timeline.tsx";
import { UserError } from "~/domain/errors.ts";
import { FOLLOW_UP_STATUSES } from "~/domain/constants.ts";
import { isEditableByFounder, possibleTransitions } from "~/domain/lifecycle.ts";
import { withUserErrors } from "~/errors.server.ts";
import { formatDate, timelineView } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showCallText } from "~/domain/call-texts.ts";
import { founderTimelines, getFounderApplication } from "~/models/application.server.ts";
import { listTeamCheckIns } from "~/models/follow-up.server.ts";
import { withdrawApplication } from "~/models/offer.server.ts";
import { readFormData } from "~/schemas/form-data.ts";
import { withdrawSchema } from "~/schemas/withdraw.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.apply.overviewTitle);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const application = ensureFound(await getFounderApplication(params.id ?? "", user.id));
  const now = new Date();
  const [timeline] = await founderTimelines([application]);
  const canWithdraw = possibleTransitions(application.status, {
    now,
    actor: { kind: "user", id: user.id, roles: user.roles },
    // The team's lead withdraws; the other members see the application.
    isOwner: application.founderId === user.id,
    call: application.call,
    decisionReleasedAt: application.decisionReleasedAt,
  }).includes("withdraw");
  const locale = await getLocale(request);
  // Only what the founder may know leaves the server: never a staged decision.
  return json({
    id: application.id,
    version: application.version,
    projectName: application.projectName,
    status: timeline.visibleStatus,
    callTitle: showCallText(application.call, "title", locale),
    editable: isEditableByFounder(application.status, application.call, now),
    canWithdraw,
    timeline: timelineView(timeline, locale),
    // Follow-up after enrollment (issue 17): the check-ins due so far, answered or not.
    // Only a followed project has any: no query for the others (this page is among the bench's).
    checkIns: ((FOLLOW_UP_STATUSES as readonly string[]).includes(application.status)
      ? await listTeamCheckIns(application.id, now)
      : []
    ).map((checkIn) => ({
      id: checkIn.id,
      monthsAfter: checkIn.monthsAfter,
      answered: checkIn.submittedAt !== null,
      dueAtText: formatDate(checkIn.dueAt, locale),
    })),
  });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const application = ensureFound(await getFounderApplication(params.id ?? "", user.id));
  const parsed = withdrawSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) throw new UserError("apply.withdrawConfirmRequired", 400, { field: "confirm" });
  await withdrawApplication(application.id, user, parsed.data.version);
  return redirect(`/founder/applications/${application.id}`);
}

export default function ApplicationOverview() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <p>
        <Link to="/founder">{t("nav.founder.dashboard")}</Link>
      </p>
      <h1 dir="auto">{data.projectName || t("apply.untitled")}</h1>
      <ShownTextView as="p" className="muted" value={data.callTitle} />
      {actionData?.message ? <FormMessage kind="error">{t(actionData.message)}</FormMessage> : null}
      {data.status === "DRAFT" ? <p className="card">{t("apply.draftExplanation")}</p> : <ApplicationTimeline timeline={data.timeline} />}
      {["ACCEPTED", "ENROLLED", "DECLINED"].includes(data.status) ? (
        <p>
          <Link className="button" to="offer">
            {t("offer.see")}
          </Link>
        </p>
      ) : null}
      {data.status === "INTERVIEW" ? (
        <p>
          <Link className="button" to="interview">
            {t("interview.link")}
          </Link>
        </p>
      ) : null}
      <p>
        <Link to="messages">{t("messages.link")}</Link>
      </p>
      {data.checkIns.length > 0 ? (
        <section className="card stack" aria-labelledby="check-ins-title">
          <h2 id="check-ins-title">{t("followUp.checkIn.listTitle")}</h2>
          <ul>
            {data.checkIns.map((checkIn) => (
              <li key={checkIn.id}>
                <Link to={`check-ins/${checkIn.id}`}>
                  {t(checkIn.answered ? "followUp.checkIn.answered" : "followUp.checkIn.open", { months: checkIn.monthsAfter })}
                </Link>{" "}
                <span className="muted">({checkIn.dueAtText})</span>
              </li>
            ))}
          </ul>
        </section>
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
