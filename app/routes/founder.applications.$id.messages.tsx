import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, notFound, requireUser } from "~/auth/guards.server.ts";
import { MessageThread } from "~/components/message-thread.tsx";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { postMessageForm, postTeamMessage, teamThreadPath, threadPage } from "~/models/message.server.ts";
import { isTeamMember } from "~/models/team.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.messages.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const applicationId = params.id ?? "";
  if (!(await isTeamMember(applicationId, user.id))) throw notFound();
  return json(ensureFound(await threadPage(applicationId, await getLocale(request))));
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const applicationId = params.id ?? "";
  if (!(await isTeamMember(applicationId, user.id))) throw notFound();
  const posted = await postMessageForm(request, user.id, (input) => postTeamMessage(applicationId, user.id, input));
  if (!posted.ok) return json({ errors: posted.errors, values: posted.values }, { status: 400 });
  return redirectWithFlash(teamThreadPath(applicationId), { kind: "success", key: "messages.sent" });
}

/** The team's thread with the staff (issue 18): any member reads and writes. */
export default function TeamMessages() {
  const { application, messages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <p>
        <Link to={`/founder/applications/${application.id}`}>{t("messages.back")}</Link>
      </p>
      <h1 dir="auto">{t("messages.heading", { projectName: application.projectName })}</h1>
      <p className="muted">{t("messages.intro")}</p>
      <MessageThread messages={messages} formLabel={t("messages.body")} submitLabel={t("messages.send")} result={actionData} />
    </section>
  );
}
