import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { logStaffAccess } from "~/models/access-log.server.ts";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { MessageThread } from "~/components/message-thread.tsx";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { postMessageForm, postStaffMessage, staffThreadPath, threadPage } from "~/models/message.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.messages.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const thread = ensureFound(await threadPage(params.id ?? "", await getLocale(request)));
  logStaffAccess(admin.id, "VIEW_APPLICATION", params.id ?? null, "messages");
  return json(thread);
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const applicationId = params.id ?? "";
  const posted = await postMessageForm(request, admin.id, (input) => postStaffMessage(applicationId, admin.id, input));
  if (!posted.ok) return json({ errors: posted.errors, values: posted.values }, { status: 400 });
  return redirectWithFlash(staffThreadPath(applicationId), { kind: "success", key: "staffMessages.sent" });
}

/** An application's thread with its team, for the admins (issue 18). */
export default function StaffMessages() {
  const { application, messages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <p>
        <Link to={`/admin/applications/${application.id}`}>{t("discussion.backToApplication")}</Link> ·{" "}
        <Link to="/admin/messages">{t("staffMessages.inbox")}</Link>
      </p>
      <h1 dir="auto">{t("staffMessages.heading", { projectName: application.projectName })}</h1>
      <p className="muted">{t("staffMessages.intro")}</p>
      <MessageThread messages={messages} formLabel={t("staffMessages.reply")} submitLabel={t("staffMessages.send")} result={actionData} />
    </section>
  );
}
