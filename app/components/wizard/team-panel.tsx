// The team step's people (issue 16): who is on the team and whether they confirmed, the invitations and
// their state, the lead's invite form, and each member's own part. Each form posts on its own (an intent),
// apart from the wizard's form and its autosave.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField, useValidatedForm } from "~/components/form.tsx";
import type { InvitationState } from "~/domain/team.ts";
import { TextAreaField } from "./fields.tsx";

export type TeamPanelData = {
  maxTeamSize: number;
  members: Array<{ userId: string; lead: boolean; name: string; email: string; consentText: string | null }>;
  invitations: Array<{ id: string; name: string; email: string; role: string; state: InvitationState; expiresText: string }>;
  /** The viewer's own part, when they are on the team. */
  ownProfile: { linkUrl: string; phone: string; residesInMorocco: boolean | null; bio: string } | null;
};

type FormAnswer = { errors?: Record<string, string>; values?: Record<string, string> } | undefined;

const invitationSchema = () => import("~/schemas/team.ts").then((schemas) => schemas.invitationSchema);
const profileSchema = () => import("~/schemas/team.ts").then((schemas) => schemas.memberProfileSchema);

export function TeamPanel({
  team,
  viewerId,
  viewerIsLead,
  editable,
  canLeave,
  answer,
}: {
  team: TeamPanelData;
  viewerId: string;
  viewerIsLead: boolean;
  editable: boolean;
  /** A member may leave a draft; once submitted, the lead withdraws the application instead. */
  canLeave: boolean;
  /** The refused post's errors and values, when it was one of this panel's forms. */
  answer: { intent: string } & NonNullable<FormAnswer>;
}) {
  const { t } = useTranslation();
  const full = team.members.length + team.invitations.filter((i) => i.state === "PENDING").length >= team.maxTeamSize;
  return (
    <section className="stack" aria-labelledby="team-panel-title">
      <h3 id="team-panel-title">{t("teams.title")}</h3>
      <p className="field-hint">{t("teams.hint", { max: team.maxTeamSize })}</p>
      <TeamMembersList team={team} viewerId={viewerId} viewerIsLead={viewerIsLead} editable={editable} />
      {team.invitations.length > 0 ? (
        <>
          <h4>{t("teams.invitations")}</h4>
          <ul className="team-invitations">
            {team.invitations.map((invitation) => (
              <li key={invitation.id}>
                <span dir="auto">{invitation.name}</span> — <span dir="ltr">{invitation.email}</span> —{" "}
                {t(`teams.states.${invitation.state}`, { date: invitation.expiresText })}
                {viewerIsLead && editable && (invitation.state === "PENDING" || invitation.state === "EXPIRED") ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" name="intent" value="resendInvitation" className="button button-secondary">
                      {t("teams.resend", { email: invitation.email })}
                    </button>
                    {invitation.state === "PENDING" ? (
                      <button type="submit" name="intent" value="revokeInvitation" className="button button-secondary">
                        {t("teams.revoke", { email: invitation.email })}
                      </button>
                    ) : null}
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {editable && viewerIsLead && !full ? <InviteForm answer={answer.intent === "invite" ? answer : undefined} /> : null}
      {editable && !viewerIsLead ? (
        <>
          <p className="field-hint">{t("teams.leadOnly")}</p>
          {canLeave ? (
            <Form method="post" className="stack">
              <p className="field-hint">{t("teams.leaveWarning")}</p>
              <div>
                <button type="submit" name="intent" value="leaveTeam" className="button button-secondary">
                  {t("teams.leave")}
                </button>
              </div>
            </Form>
          ) : null}
        </>
      ) : null}
      {team.ownProfile ? (
        <ProfileForm profile={team.ownProfile} editable={editable} answer={answer.intent === "saveProfile" ? answer : undefined} />
      ) : null}
    </section>
  );
}

/** Who is on the team and whether each confirmed: on the team step (with the lead's hand-over) and the review step. */
export function TeamMembersList({
  team,
  viewerId,
  viewerIsLead,
  editable,
}: {
  team: Pick<TeamPanelData, "members">;
  viewerId: string;
  viewerIsLead: boolean;
  editable: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ul className="team-members">
      {team.members.map((member) => (
        <li key={member.userId}>
          <strong dir="auto">{member.name}</strong> ({member.lead ? t("teams.lead") : t("teams.member")}
          {member.userId === viewerId ? `, ${t("teams.you")}` : ""}) — <span dir="ltr">{member.email}</span> —{" "}
          {member.consentText
            ? t("teams.confirmedOn", { date: member.consentText })
            : member.lead
              ? t("teams.leadConfirmsOnSubmit")
              : t("teams.notConfirmed")}
          {viewerIsLead && editable && !member.lead ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="userId" value={member.userId} />
              <button type="submit" name="intent" value="transferLead" className="button button-secondary">
                {t("teams.makeLead", { name: member.name })}
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function InviteForm({ answer }: { answer: FormAnswer }) {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(invitationSchema, {
    defaultValues: { name: answer?.values?.name ?? "", role: answer?.values?.role ?? "", email: answer?.values?.email ?? "" },
    serverErrors: answer?.errors,
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack" aria-labelledby="invite-title">
      <h4 id="invite-title">{t("teams.inviteTitle")}</h4>
      <p className="field-hint">{t("teams.inviteHint")}</p>
      <input type="hidden" name="intent" value="invite" />
      <TextField label={t("teams.name")} autoComplete="off" error={errorFor("name")} registration={form.register("name")} />
      <TextField label={t("teams.role")} autoComplete="off" error={errorFor("role")} registration={form.register("role")} />
      <TextField label={t("teams.email")} type="email" autoComplete="off" error={errorFor("email")} registration={form.register("email")} />
      <div>
        <button type="submit" className="button">
          {t("teams.invite")}
        </button>
      </div>
    </Form>
  );
}

function ProfileForm({
  profile,
  editable,
  answer,
}: {
  profile: NonNullable<TeamPanelData["ownProfile"]>;
  editable: boolean;
  answer: FormAnswer;
}) {
  const { t } = useTranslation();
  const residence = profile.residesInMorocco === null ? "" : profile.residesInMorocco ? "yes" : "no";
  const { form, onSubmit, errorFor } = useValidatedForm(profileSchema, {
    defaultValues: {
      linkUrl: answer?.values?.linkUrl ?? profile.linkUrl,
      phone: answer?.values?.phone ?? profile.phone,
      residesInMorocco: (answer?.values?.residesInMorocco ?? residence) as "" | "yes" | "no",
      bio: answer?.values?.bio ?? profile.bio,
    },
    serverErrors: answer?.errors,
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack" aria-labelledby="profile-title">
      <h4 id="profile-title">{t("teams.profileTitle")}</h4>
      <p className="field-hint">{t("teams.profileHint")}</p>
      <fieldset disabled={!editable} className="plain-fieldset">
        <input type="hidden" name="intent" value="saveProfile" />
        <TextField label={t("teams.linkUrl")} type="url" dir="ltr" error={errorFor("linkUrl")} registration={form.register("linkUrl")} />
        <TextField
          label={t("teams.phone")}
          type="tel"
          dir="ltr"
          autoComplete="tel"
          error={errorFor("phone")}
          registration={form.register("phone")}
        />
        <SelectField
          label={t("teams.residesInMorocco")}
          error={errorFor("residesInMorocco")}
          registration={form.register("residesInMorocco")}
          options={[
            { value: "", label: t("teams.notSaid") },
            { value: "yes", label: t("teams.yes") },
            { value: "no", label: t("teams.no") },
          ]}
        />
        <TextAreaField label={t("teams.bio")} rows={3} error={errorFor("bio")} registration={form.register("bio")} />
        {editable ? (
          <div>
            <button type="submit" className="button button-secondary">
              {t("teams.saveProfile")}
            </button>
          </div>
        ) : null}
      </fieldset>
    </Form>
  );
}

/** On the review step: a member other than the lead confirms their information and consent with their own account. */
export function MemberConsent({ consentText, editable }: { consentText: string | null; editable: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="consent-title">
      <h3 id="consent-title">{t("teams.consentTitle")}</h3>
      {consentText ? (
        <p>{t("teams.consentGivenOn", { date: consentText })}</p>
      ) : (
        <Form method="post">
          <p>{t("teams.consentText")}</p>
          <button type="submit" name="intent" value="confirmMembership" className="button" disabled={!editable}>
            {t("teams.consentButton")}
          </button>
        </Form>
      )}
    </section>
  );
}
