// The admin application page's people with an account (issue 16): each member's own part of the team
// step and their consent, then the invitations still waiting or declined. Dates arrive written by the
// loader (on the server); links are web addresses only, checked there too.
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table.tsx";
import type { InvitationState } from "~/domain/team.ts";

export type TeamAccountsData = {
  members: Array<{
    name: string;
    email: string;
    lead: boolean;
    joinedText: string | null;
    consentText: string | null;
    linkUrl: string;
    /** The link's web address (http or https), or null when it is none. */
    linkHref: string | null;
    phone: string;
    residesInMorocco: boolean | null;
    bio: string;
  }>;
  invitations: Array<{ id: string; name: string; email: string; state: InvitationState; expiresText: string | null }>;
};

export function TeamAccounts({ team }: { team: TeamAccountsData }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="team-accounts-title">
      <h2 id="team-accounts-title">{t("admin.teamAccounts.title")}</h2>
      <p className="muted">{t("admin.teamAccounts.hint")}</p>
      <DataTable
        caption={t("admin.teamAccounts.members")}
        rows={team.members}
        rowKey={(m) => m.email}
        emptyMessage={t("admin.tableEmpty")}
        columns={[
          { key: "name", header: t("teams.name"), rowHeader: true, userText: true, cell: (m) => m.name },
          { key: "email", header: t("teams.email"), cell: (m) => <span dir="ltr">{m.email}</span> },
          { key: "standing", header: t("admin.teamAccounts.standing"), cell: (m) => (m.lead ? t("teams.lead") : t("teams.member")) },
          { key: "joined", header: t("admin.teamAccounts.joined"), cell: (m) => m.joinedText ?? "—" },
          { key: "consent", header: t("admin.teamAccounts.consent"), cell: (m) => m.consentText ?? t("teams.notConfirmed") },
          {
            key: "link",
            header: t("teams.linkUrl"),
            cell: (m) =>
              m.linkHref ? (
                <a href={m.linkHref} rel="noopener noreferrer" dir="ltr">
                  {m.linkHref}
                </a>
              ) : m.linkUrl ? (
                <span dir="ltr">{m.linkUrl}</span>
              ) : (
                "—"
              ),
          },
          { key: "phone", header: t("teams.phone"), cell: (m) => (m.phone ? <span dir="ltr">{m.phone}</span> : "—") },
          {
            key: "residence",
            header: t("admin.teamAccounts.residence"),
            cell: (m) => (m.residesInMorocco === null ? t("teams.notSaid") : m.residesInMorocco ? t("teams.yes") : t("teams.no")),
          },
          { key: "bio", header: t("teams.bio"), userText: true, cell: (m) => m.bio || "—" },
        ]}
      />
      <DataTable
        caption={t("admin.teamAccounts.invitations")}
        rows={team.invitations}
        rowKey={(i) => i.id}
        emptyMessage={t("admin.teamAccounts.noInvitation")}
        columns={[
          { key: "name", header: t("teams.name"), rowHeader: true, userText: true, cell: (i) => i.name },
          { key: "email", header: t("teams.email"), cell: (i) => <span dir="ltr">{i.email}</span> },
          { key: "state", header: t("admin.teamAccounts.state"), cell: (i) => t(`admin.teamAccounts.states.${i.state}`) },
          { key: "expires", header: t("admin.teamAccounts.expires"), cell: (i) => i.expiresText ?? "—" },
        ]}
      />
    </section>
  );
}
