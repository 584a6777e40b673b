import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser, requireUser } from "~/auth/guards.server.ts";
import { FormMessage } from "~/components/form-message.tsx";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showCallText } from "~/domain/call-texts.ts";
import { answerRefusal } from "~/domain/team.ts";
import { UserError } from "~/domain/errors.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { acceptTeamInvitation, applicationOfPersonInCall, declineTeamInvitation, findTeamInvitation } from "~/models/team.server.ts";
import { readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.teams.page.title);

/**
 * The page an invitation email links to: who invites, to which call, the team. Anyone holding the link sees
 * it; answering needs the account of the invited address (signed in, or signed up, and back here).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const [invitation, user, locale] = await Promise.all([
    findTeamInvitation(params.token ?? ""),
    getOptionalUser(request),
    getLocale(request),
  ]);
  const path = new URL(request.url).pathname;
  if (!invitation)
    return json({ invitation: null, refusal: "teams.errors.invitationUnknown" as const, signedIn: Boolean(user), path }, { status: 404 });
  const refusal = answerRefusal(invitation, user?.email ?? invitation.email, new Date());
  // Already on another team of the call: say so before the click, with the way to leave that team.
  const current =
    user && !refusal
      ? await applicationOfPersonInCall(user.id, invitation.application.callId, { exceptId: invitation.application.id })
      : null;
  return json({
    invitation: {
      email: invitation.email,
      leadName: invitation.invitedBy.name,
      projectName: invitation.application.projectName,
      callTitle: showCallText(invitation.application.call, "title", locale),
      members: invitation.application.teamMembers,
    },
    refusal: refusal?.key ?? (current ? ("teams.errors.oneApplicationPerCall" as const) : null),
    refusalParams: refusal?.params ?? {},
    current: current
      ? { projectName: current.projectName, url: `/founder/applications/${current.id}/edit/team`, lead: current.founderId === user?.id }
      : null,
    signedIn: Boolean(user),
    // Back here after signing in or up.
    path,
  });
}

export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const intent = (await readFormData(request)).get("intent");
  const token = params.token ?? "";
  if (intent === "accept") {
    const applicationId = await acceptTeamInvitation(token, user);
    return redirectWithFlash(`/founder/applications/${applicationId}/edit/team`, { kind: "success", key: "teams.flash.joined" });
  }
  if (intent === "decline") {
    await declineTeamInvitation(token, user);
    return redirectWithFlash("/founder", { kind: "success", key: "teams.flash.declined" });
  }
  throw new UserError("errors.formUnreadable", 400);
}

export default function TeamInvitationPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const here = data.path;
  if (!data.invitation)
    return (
      <div className="card auth-card">
        <h1>{t("teams.page.title")}</h1>
        <FormMessage kind="error">{t(data.refusal)}</FormMessage>
        <Link to="/">{t("errors.backHome")}</Link>
      </div>
    );
  const { invitation } = data;
  return (
    <div className="card auth-card">
      <h1>{t("teams.page.title")}</h1>
      <p>{t("teams.page.intro", { leadName: invitation.leadName })}</p>
      <ShownTextView as="p" value={invitation.callTitle} />
      <dl>
        <dt>{t("teams.page.project")}</dt>
        <dd dir="auto">{invitation.projectName || t("teams.page.unnamedProject")}</dd>
        <dt>{t("teams.page.members")}</dt>
        <dd>
          <ul>
            {invitation.members.map((member, index) => (
              <li key={index}>
                <span dir="auto">{member.name}</span>
                {member.role ? (
                  <>
                    {" — "}
                    <span dir="auto">{member.role}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {data.refusal ? (
        <>
          <FormMessage kind="error">{t(data.refusal, data.refusalParams)}</FormMessage>
          {data.current ? (
            <p>
              <Link to={data.current.url}>
                {t(data.current.lead ? "teams.page.openYourApplication" : "teams.page.leaveOtherTeam", {
                  project: data.current.projectName || t("teams.page.unnamedProject"),
                })}
              </Link>
            </p>
          ) : null}
        </>
      ) : data.signedIn ? (
        <Form method="post" className="actions">
          <button type="submit" name="intent" value="accept" className="button">
            {t("teams.page.accept")}
          </button>
          <button type="submit" name="intent" value="decline" className="button button-secondary">
            {t("teams.page.decline")}
          </button>
        </Form>
      ) : (
        <>
          <p>{t("teams.page.signInToAnswer", { email: invitation.email })}</p>
          <p className="actions">
            <Link className="button" to={`/login?${new URLSearchParams({ redirectTo: here })}`}>
              {t("teams.page.signIn")}
            </Link>
            <Link className="button button-secondary" to={`/signup?${new URLSearchParams({ redirectTo: here })}`}>
              {t("teams.page.signUp")}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
