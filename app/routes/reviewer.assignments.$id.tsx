import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { logStaffAccess } from "~/models/access-log.server.ts";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ReviewWorkspace } from "~/components/review-workspace.tsx";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatOptionalDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { declareConflict, getReviewWorkspace, saveReview } from "~/models/review.server.ts";
import { formDataToObject, issuesToErrors, readFormData } from "~/schemas/form-data.ts";
import { conflictSchema, reviewDraftSchema, reviewSubmitSchema } from "~/schemas/review.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.review.title);

async function loadWorkspace(request: Request, id: string | undefined) {
  const user = await requireUser(request, { role: "REVIEWER" });
  const workspace = ensureFound(await getReviewWorkspace(id ?? "", user.id, await getLocale(request)));
  return { user, workspace };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, workspace } = await loadWorkspace(request, params.id);
  logStaffAccess(user.id, "VIEW_APPLICATION", workspace.application.id, "review");
  return json({ ...workspace, dueAtText: formatOptionalDate(workspace.assignment.dueAt, await getLocale(request)) });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const { user, workspace } = await loadWorkspace(request, params.id);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "conflict") {
    const parsed = conflictSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return json({ errors: issuesToErrors(parsed.error.issues), message: null }, { status: 400 });
    await declareConflict(workspace.assignment.id, user.id, parsed.data.reason);
    return redirectWithFlash("/reviewer", { kind: "success", key: "review.conflictDeclared" });
  }
  const submit = intent === "submit";
  const schema = submit ? reviewSubmitSchema(workspace.criteria.map((c) => c.id)) : reviewDraftSchema;
  const parsed = schema.safeParse(formDataToObject(formData));
  if (!parsed.success) return json({ errors: issuesToErrors(parsed.error.issues), message: null }, { status: 400 });
  await saveReview(workspace.assignment.id, user.id, parsed.data, submit);
  // Saved: the page is read again (Post/Redirect/Get), the outcome in the flash. Errors above stay with the form.
  return redirectWithFlash(new URL(request.url).pathname, { kind: "success", key: submit ? "review.submitted" : "review.draftSaved" });
}

export default function ReviewPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <nav className="pagination" aria-label={t("review.queueNavigation")}>
        <Link to="/reviewer">{t("review.backToQueue")}</Link>
        {data.previousId ? <Link to={`/reviewer/assignments/${data.previousId}`}>{t("review.previous")}</Link> : null}
        {data.nextId ? <Link to={`/reviewer/assignments/${data.nextId}`}>{t("review.next")}</Link> : null}
      </nav>
      <ReviewWorkspace data={data} actionData={actionData} />
    </div>
  );
}
