// A team's members and invitations (issue 16). Every rule is checked inside the transaction that writes
// (SQLite's writes are serialized, PostgreSQL's transactions serializable), and "one application per person
// and call" is the unique (callId, userId) of TeamMembership: two acceptances at once cannot both land.
import { env } from "~/config/env.server.ts";
import { recordConsent } from "./consent.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { toLocale, type Locale } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { webAddressOf } from "~/domain/call-questions.ts";
import { phoneKey } from "~/domain/duplicates.ts";
import { isEditableByFounder } from "~/domain/lifecycle.ts";
import {
  answerRefusal,
  invitationRefusal,
  invitationState,
  resendRefusal,
  teamSubmissionRefusal,
  INVITATION_TTL_MS,
  type Refusal,
} from "~/domain/team.ts";
import { callTitleForEmail, enqueueEmail } from "~/email/outbox.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { EmailPayloads, EmailTemplate } from "../../emails/render.tsx";
import { hashToken, newOneTimeSecret } from "./token.server.ts";
import { isUniqueViolation } from "./user.server.ts";

type Person = { id: string; name: string; email: string; locale: string };

/** Throws the refusal; beside `field` when its message needs no values (a field's error shows none), else for the whole form. */
function refuse(refusal: Refusal | null, status: 403 | 409 | 422 | 429 = 409, field?: string): void {
  if (refusal) throw new UserError(refusal.key, status, { params: refusal.params, field: refusal.params ? undefined : field });
}

/** The audit trail of a team's change, on its application: who, what, and the address it concerns. */
function auditTeamEvent(tx: Tx, actorId: string, applicationId: string, type: string, email?: string) {
  return tx.auditEvent.create({
    data: { actorId, subjectType: "Application", subjectId: applicationId, type, details: email ? JSON.stringify({ email }) : undefined },
  });
}

/**
 * The one rule of a draft's access, "on its team": its lead, or a member who joined. As a Prisma filter on
 * Application, and as SQL on the Application row named `alias` for the raw queries.
 */
export const onTeamWhere = (userId: string) =>
  ({ OR: [{ founderId: userId }, { teamMemberships: { some: { userId } } }] }) satisfies Prisma.ApplicationWhereInput;

export function onTeamSql(alias: string, userId: string): Prisma.Sql {
  // A set of ids from two index lookups (founderId, TeamMembership.userId): "founderId = ? OR EXISTS (…)" made
  // SQLite scan every application, 52 ms per founder dashboard at the bench's 60,000 applications (0.2 ms now).
  return Prisma.sql`${Prisma.raw(`${alias}."id"`)} IN (SELECT "id" FROM "Application" WHERE "founderId" = ${userId}
    UNION SELECT "applicationId" FROM "TeamMembership" WHERE "userId" = ${userId})`;
}

/** Whether `userId` is on the application's team (see onTeamWhere). */
export async function isTeamMember(applicationId: string, userId: string, client: Tx = db): Promise<boolean> {
  const rows = await client.$queryRaw<Array<{ one: number }>>`
    SELECT 1 AS "one" FROM "Application" a WHERE a."id" = ${applicationId} AND ${onTeamSql("a", userId)}`;
  return rows.length > 0;
}

/** The application as an invitation or answer reads it inside its transaction, with what the rules need. */
async function readTeamFacts(tx: Tx, applicationId: string) {
  const application = await tx.application.findUnique({
    where: { id: applicationId },
    select: {
      id: true,
      status: true,
      founderId: true,
      projectName: true,
      callId: true,
      call: { select: { title: true, titleEn: true, titleAr: true, opensAt: true, closesAt: true, status: true, maxTeamSize: true } },
      teamMemberships: { select: { userId: true, lead: true, consentAt: true, user: { select: { email: true, name: true } } } },
      teamInvitations: { where: { status: "PENDING" }, select: { email: true, expiresAt: true } },
    },
  });
  if (!application) throw new UserError("errors.title404", 404);
  return application;
}

/** The invitation email, in the invitee's language when they have an account, else the lead's. */
async function sendInvitationEmail(
  tx: Tx,
  input: { invitationId: string; sendCount: number; email: string; name: string; raw: string; expiresAt: Date },
  lead: Person,
  application: { projectName: string; call: { title: string; titleEn: string | null; titleAr: string | null } },
) {
  const account = await tx.user.findUnique({ where: { email: input.email }, select: { locale: true } });
  const locale = (account?.locale ?? lead.locale) as Locale;
  await enqueueEmail(tx, {
    to: input.email,
    template: "team-invitation",
    locale,
    payload: {
      name: input.name,
      leadName: lead.name,
      projectName: application.projectName,
      callTitle: callTitleForEmail(application.call, locale),
      acceptUrl: `${env().APP_URL}/team-invitations/${input.raw}`,
      expiresAt: input.expiresAt.toISOString(),
    },
    dedupeKey: `team-invitation:${input.invitationId}:${input.sendCount}`,
  });
}

/** The application as readTeamFacts reads it, refused once it can no longer be edited. */
async function readEditableTeam(tx: Tx, applicationId: string, now: Date) {
  const application = await readTeamFacts(tx, applicationId);
  if (!isEditableByFounder(application.status, application.call, now)) throw new UserError("lifecycle.readOnly", 409);
  return application;
}

/** The lead of an editable application, as read inside `tx`; anyone else is refused. */
async function readAsLead(tx: Tx, applicationId: string, lead: Person, now: Date) {
  const application = await readEditableTeam(tx, applicationId, now);
  if (application.founderId !== lead.id) throw new UserError("teams.errors.leadOnly", 403);
  return application;
}

/** The invitation a link names, refused (translated) when unknown, spent, revoked, expired or meant for another address. */
async function readAnswerableInvitation(tx: Tx, rawToken: string, user: Person, now: Date) {
  const invitation = await tx.teamInvitation.findUnique({ where: { tokenHash: hashToken(rawToken) } });
  if (!invitation) throw new UserError("teams.errors.invitationUnknown", 404);
  refuse(answerRefusal(invitation, user.email, now));
  return invitation;
}

/**
 * The lead invites a co-founder by email: a pending invitation (its link's hash stored, 14 days), the person
 * on the team's list if they are not there yet, and the email, in one transaction with its audit event.
 */
export async function inviteTeamMember(
  applicationId: string,
  lead: Person,
  input: { name: string; role: string; email: string },
  now = new Date(),
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  await db.$transaction(async (tx) => {
    const application = await readAsLead(tx, applicationId, lead, now);
    refuse(
      invitationRefusal(
        {
          maxTeamSize: application.call.maxTeamSize,
          // The lead once, with or without a membership row of their own.
          memberEmails: [...new Set([lead.email.toLowerCase(), ...application.teamMemberships.map((m) => m.user.email)])],
          pendingEmails: application.teamInvitations.filter((i) => i.expiresAt > now).map((i) => i.email),
        },
        lead.email,
        email,
      ),
      409,
      "email",
    );
    // An expired invitation to the same address gives way to the new one.
    await tx.teamInvitation.updateMany({
      where: { applicationId, email, status: "PENDING" },
      data: { status: "REVOKED", respondedAt: now },
    });
    const link = newOneTimeSecret();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const invitation = await tx.teamInvitation.create({
      data: {
        applicationId,
        email,
        name: input.name,
        role: input.role,
        tokenHash: link.hash,
        expiresAt,
        invitedById: lead.id,
        lastSentAt: now,
      },
      select: { id: true },
    });
    const listed = await tx.teamMember.findFirst({ where: { applicationId, email }, select: { id: true } });
    if (!listed) {
      const last = await tx.teamMember.aggregate({ where: { applicationId }, _max: { position: true } });
      await tx.teamMember.create({
        data: { applicationId, email, name: input.name, role: input.role, position: (last._max.position ?? -1) + 1 },
      });
    }
    await sendInvitationEmail(
      tx,
      { invitationId: invitation.id, sendCount: 1, email, name: input.name, raw: link.raw, expiresAt },
      lead,
      application,
    );
    await auditTeamEvent(tx, lead.id, applicationId, "TEAM_INVITATION_SENT", email);
  });
}

/**
 * Emails a pending (or expired) invitation again with a new link, valid 14 days from now; the old link stops
 * working. At most INVITATION_MAX_SENDS emails, INVITATION_RESEND_INTERVAL_MS apart: the compare-and-set
 * on the send count keeps two clicks at once to one email.
 */
export async function resendTeamInvitation(applicationId: string, invitationId: string, lead: Person, now = new Date()): Promise<string> {
  return db.$transaction(async (tx) => {
    const application = await readAsLead(tx, applicationId, lead, now);
    const invitation = await tx.teamInvitation.findFirst({ where: { id: invitationId, applicationId } });
    if (!invitation) throw new UserError("errors.title404", 404);
    refuse(resendRefusal(invitation, now), 429);
    const link = newOneTimeSecret();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const { count } = await tx.teamInvitation.updateMany({
      where: { id: invitation.id, status: "PENDING", sendCount: invitation.sendCount },
      data: { tokenHash: link.hash, expiresAt, sendCount: { increment: 1 }, lastSentAt: now },
    });
    if (count === 0) throw new UserError("teams.errors.resendTooSoon", 429, { params: { minutes: 10 } });
    await sendInvitationEmail(
      tx,
      {
        invitationId: invitation.id,
        sendCount: invitation.sendCount + 1,
        email: invitation.email,
        name: invitation.name,
        raw: link.raw,
        expiresAt,
      },
      lead,
      application,
    );
    await auditTeamEvent(tx, lead.id, applicationId, "TEAM_INVITATION_RESENT", invitation.email);
    return invitation.email;
  });
}

/** The lead withdraws a pending invitation: its link stops working. */
export async function revokeTeamInvitation(applicationId: string, invitationId: string, lead: Person, now = new Date()): Promise<string> {
  return db.$transaction(async (tx) => {
    await readAsLead(tx, applicationId, lead, now);
    const { count } = await tx.teamInvitation.updateMany({
      where: { id: invitationId, applicationId, status: "PENDING" },
      data: { status: "REVOKED", respondedAt: now },
    });
    if (count === 0) throw new UserError("teams.errors.notPending", 409);
    const invitation = await tx.teamInvitation.findUniqueOrThrow({ where: { id: invitationId }, select: { email: true } });
    await auditTeamEvent(tx, lead.id, applicationId, "TEAM_INVITATION_REVOKED", invitation.email);
    return invitation.email;
  });
}

/** What the invitation page shows the holder of a link (nothing when the link is unknown). */
export async function findTeamInvitation(rawToken: string, now = new Date()) {
  const invitation = await db.teamInvitation.findUnique({
    where: { tokenHash: hashToken(rawToken) },
    select: {
      email: true,
      name: true,
      role: true,
      status: true,
      expiresAt: true,
      invitedBy: { select: { name: true } },
      application: {
        select: {
          id: true,
          callId: true,
          projectName: true,
          call: { select: { slug: true, title: true, titleEn: true, titleAr: true } },
          teamMembers: { orderBy: { position: "asc" }, select: { name: true, role: true } },
        },
      },
    },
  });
  if (!invitation) return null;
  return { ...invitation, state: invitationState(invitation, now) };
}

/**
 * The signed-in holder of a link joins the team: the link is used up, the membership created, in one
 * transaction. Refused (translated, nothing changed) when the link is spent, revoked or expired, meant for
 * another address, the team is full or no longer editable, or the person is already on a team of the call.
 */
export async function acceptTeamInvitation(rawToken: string, user: Person, now = new Date()): Promise<string> {
  try {
    return await db.$transaction(async (tx) => {
      const invitation = await readAnswerableInvitation(tx, rawToken, user, now);
      const application = await readEditableTeam(tx, invitation.applicationId, now);
      // The lead counts, with or without a membership row of their own.
      const members = new Set([application.founderId, ...application.teamMemberships.map((m) => m.userId)]);
      if (members.has(user.id)) throw new UserError("teams.errors.alreadyMember", 409);
      if (members.size >= application.call.maxTeamSize)
        throw new UserError("teams.errors.teamFull", 409, { params: { max: application.call.maxTeamSize } });
      // A person already on an application to the call (as its lead or a member) cannot join another one.
      if (await applicationOfPersonInCall(user.id, application.callId, { client: tx }))
        throw new UserError("teams.errors.oneApplicationPerCall", 409);
      await tx.teamMembership.create({
        data: { applicationId: application.id, callId: application.callId, userId: user.id, joinedAt: now },
      });
      const { count } = await tx.teamInvitation.updateMany({
        where: { id: invitation.id, status: "PENDING" },
        data: { status: "ACCEPTED", respondedAt: now },
      });
      if (count === 0) throw new UserError("teams.errors.invitationUsed", 409);
      // The team's list shows the account's own name from now on.
      await tx.teamMember.updateMany({ where: { applicationId: application.id, email: invitation.email }, data: { name: user.name } });
      await auditTeamEvent(tx, user.id, application.id, "TEAM_INVITATION_ACCEPTED", invitation.email);
      return application.id;
    });
  } catch (error) {
    // Two acceptances at once into two teams of one call: the unique (callId, userId) kept one.
    if (isUniqueViolation(error)) throw new UserError("teams.errors.oneApplicationPerCall", 409);
    throw error;
  }
}

/** The signed-in holder of a link says no: the invitation is answered, the team's list keeps the name. */
export async function declineTeamInvitation(rawToken: string, user: Person, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const invitation = await readAnswerableInvitation(tx, rawToken, user, now);
    const { count } = await tx.teamInvitation.updateMany({
      where: { id: invitation.id, status: "PENDING" },
      data: { status: "DECLINED", respondedAt: now },
    });
    if (count === 0) throw new UserError("teams.errors.invitationUsed", 409);
    await auditTeamEvent(tx, user.id, invitation.applicationId, "TEAM_INVITATION_DECLINED", invitation.email);
  });
}

/** A member confirms their information and consents to its processing for the selection (timestamped). */
export async function confirmMembership(applicationId: string, user: Person, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    await readEditableTeam(tx, applicationId, now);
    const { count } = await tx.teamMembership.updateMany({ where: { applicationId, userId: user.id }, data: { consentAt: now } });
    if (count === 0) throw new UserError("errors.title404", 404);
    await recordConsent(tx, user.id, "SELECTION", now);
    await auditTeamEvent(tx, user.id, applicationId, "TEAM_CONSENT_GIVEN");
  });
}

/** The member's own part of the team step: a link to their work, residence in Morocco, a short bio. */
export async function saveMemberProfile(
  applicationId: string,
  user: Person,
  posted: { linkUrl: string; phone: string; residesInMorocco: "" | "yes" | "no"; bio: string },
  now = new Date(),
): Promise<void> {
  const profile = {
    linkUrl: posted.linkUrl === "" ? "" : (webAddressOf(posted.linkUrl) ?? ""),
    phone: posted.phone,
    // As duplicate detection compares it (app/domain/duplicates.ts).
    phoneKey: phoneKey(posted.phone),
    residesInMorocco: posted.residesInMorocco === "" ? null : posted.residesInMorocco === "yes",
    bio: posted.bio,
  };
  await db.$transaction(async (tx) => {
    const application = await readEditableTeam(tx, applicationId, now);
    if (application.founderId !== user.id) {
      const { count } = await tx.teamMembership.updateMany({ where: { applicationId, userId: user.id }, data: profile });
      if (count === 0) throw new UserError("errors.title404", 404);
      return;
    }
    // The lead of an application started before teams had memberships gets theirs now.
    await tx.teamMembership.upsert({
      where: { applicationId_userId: { applicationId, userId: user.id } },
      update: profile,
      create: { applicationId, callId: application.callId, userId: user.id, lead: true, ...profile },
    });
  });
}

/**
 * What the lead's Submit reads inside its transaction: a refusal while an invitation is unanswered or a
 * member has not confirmed (the lead confirms by submitting, and their consent is recorded then).
 */
export async function teamReadiness(tx: Tx, applicationId: string, now: Date): Promise<Refusal | null> {
  const [members, pendingInvitations] = await Promise.all([
    tx.teamMembership.findMany({ where: { applicationId }, select: { lead: true, consentAt: true, user: { select: { name: true } } } }),
    tx.teamInvitation.count({ where: { applicationId, status: "PENDING", expiresAt: { gt: now } } }),
  ]);
  return teamSubmissionRefusal({
    pendingInvitations,
    members: members.map((m) => ({ lead: m.lead, consentAt: m.consentAt, name: m.user.name })),
  });
}

/** What each member of the team says of living in Morocco (null: not said), as `tx` reads it. */
export async function memberResidences(tx: Tx, applicationId: string): Promise<Array<boolean | null>> {
  const members = await tx.teamMembership.findMany({ where: { applicationId }, select: { residesInMorocco: true } });
  return members.map((member) => member.residesInMorocco);
}

/** Records the lead's consent, given with Submit, in the submitting transaction. */
export async function recordLeadConsent(tx: Tx, application: { id: string; callId: string; founderId: string }, now: Date) {
  await tx.teamMembership.upsert({
    where: { applicationId_userId: { applicationId: application.id, userId: application.founderId } },
    update: { consentAt: now },
    create: { applicationId: application.id, callId: application.callId, userId: application.founderId, lead: true, consentAt: now },
  });
}

/** The team as the team step and the review step show it: members with their consent, and the invitations. */
export async function readTeam(applicationId: string, now = new Date()) {
  const [application, memberships, invitations] = await Promise.all([
    db.application.findUnique({
      where: { id: applicationId },
      select: { founderId: true, call: { select: { maxTeamSize: true } }, founder: { select: { name: true, email: true } } },
    }),
    db.teamMembership.findMany({
      where: { applicationId },
      orderBy: { joinedAt: "asc" },
      select: {
        userId: true,
        lead: true,
        consentAt: true,
        joinedAt: true,
        linkUrl: true,
        phone: true,
        residesInMorocco: true,
        bio: true,
        user: { select: { name: true, email: true } },
      },
    }),
    db.teamInvitation.findMany({
      where: { applicationId, status: { not: "ACCEPTED" } },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, email: true, role: true, status: true, expiresAt: true, lastSentAt: true, sendCount: true },
    }),
  ]);
  if (!application) return null;
  const members = memberships.map((m) => ({
    userId: m.userId,
    lead: m.userId === application.founderId,
    name: m.user.name,
    email: m.user.email,
    consentAt: m.consentAt,
    joinedAt: m.joinedAt,
    linkUrl: m.linkUrl,
    phone: m.phone,
    residesInMorocco: m.residesInMorocco,
    bio: m.bio,
  }));
  // The lead of an application started before memberships existed is on the team all the same.
  if (!members.some((m) => m.lead))
    members.unshift({
      userId: application.founderId,
      lead: true,
      name: application.founder.name,
      email: application.founder.email,
      consentAt: null,
      joinedAt: new Date(0),
      linkUrl: "",
      phone: "",
      residesInMorocco: null,
      bio: "",
    });
  return {
    maxTeamSize: application.call.maxTeamSize,
    members,
    invitations: invitations.map((invitation) => ({ ...invitation, state: invitationState(invitation, now) })),
  };
}

/** The addresses of everyone with an account on the team (its lead and accepted members), lower-cased. */
export async function memberEmails(tx: Tx, applicationId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ email: string }>>`
    SELECT u."email" FROM "Application" a JOIN "User" u ON u."id" = a."founderId" WHERE a."id" = ${applicationId}
    UNION
    SELECT u."email" FROM "TeamMembership" m JOIN "User" u ON u."id" = m."userId" WHERE m."applicationId" = ${applicationId}`;
  return rows.map((row) => row.email.toLowerCase());
}

/**
 * Who hears what happens to an application: its lead (first), then every member who joined, each with the
 * language of their account. Read inside the transaction that sends.
 */
async function teamRecipients(
  tx: Tx,
  applicationId: string,
  lead: { email: string; name: string; locale: string },
): Promise<Array<{ userId: string | null; lead: boolean; email: string; name: string; locale: string }>> {
  const members = await tx.teamMembership.findMany({
    where: { applicationId, lead: false },
    orderBy: { joinedAt: "asc" },
    select: { userId: true, user: { select: { email: true, name: true, locale: true } } },
  });
  return [
    { userId: null, lead: true, ...lead },
    ...members.filter((m) => m.user.email !== lead.email).map((m) => ({ userId: m.userId, lead: false, ...m.user })),
  ];
}

/**
 * The lead hands the lead role to another member (who then submits, invites and answers the seat offer);
 * the former lead stays on the team as a member. Audited.
 */
export async function transferLead(applicationId: string, lead: Person, newLeadId: string, now = new Date()): Promise<string> {
  return db.$transaction(async (tx) => {
    const application = await readAsLead(tx, applicationId, lead, now);
    const target = application.teamMemberships.find((m) => m.userId === newLeadId && m.userId !== lead.id);
    if (!target) throw new UserError("teams.errors.notAMember", 404);
    // The former lead keeps a membership (an application started before memberships had none), as a member.
    await tx.teamMembership.upsert({
      where: { applicationId_userId: { applicationId, userId: lead.id } },
      update: { lead: false },
      create: { applicationId, callId: application.callId, userId: lead.id, lead: false, joinedAt: now },
    });
    await tx.teamMembership.update({ where: { applicationId_userId: { applicationId, userId: newLeadId } }, data: { lead: true } });
    const { count } = await tx.application.updateMany({ where: { id: applicationId, founderId: lead.id }, data: { founderId: newLeadId } });
    if (count === 0) throw new UserError("lifecycle.stale", 409);
    await auditTeamEvent(tx, lead.id, applicationId, "TEAM_LEAD_TRANSFERRED", target.user.email);
    return target.user.name;
  });
}

/**
 * A member leaves a draft's team: their membership and their row on the team's list go. The lead cannot
 * leave (they hand the role over first); once submitted, leaving is withdrawing, which the lead does.
 */
export async function leaveTeam(applicationId: string, member: Person, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const application = await readTeamFacts(tx, applicationId);
    if (application.founderId === member.id) throw new UserError("teams.errors.leadCannotLeave", 409);
    if (application.status !== "DRAFT" || !isEditableByFounder(application.status, application.call, now))
      throw new UserError("teams.errors.leaveAfterSubmission", 409);
    const { count } = await tx.teamMembership.deleteMany({ where: { applicationId, userId: member.id } });
    if (count === 0) throw new UserError("errors.title404", 404);
    await tx.teamMember.deleteMany({ where: { applicationId, email: member.email.toLowerCase() } });
    await tx.draftStepChange.deleteMany({ where: { applicationId, userId: member.id } });
    await auditTeamEvent(tx, member.id, applicationId, "TEAM_MEMBER_LEFT", member.email.toLowerCase());
  });
}

/** The application of the call that `userId` is on (as its lead or a member), other than `exceptId`: one per person and call. */
export function applicationOfPersonInCall(userId: string, callId: string, options: { exceptId?: string; client?: Tx } = {}) {
  return (options.client ?? db).application.findFirst({
    where: { callId, ...(options.exceptId ? { id: { not: options.exceptId } } : {}), ...onTeamWhere(userId) },
    select: { id: true, projectName: true, founderId: true },
  });
}

export type TeamRecipient = Awaited<ReturnType<typeof teamRecipients>>[number];

/**
 * Sends `template` to every member of the application's team, its lead first, each in their own language,
 * `payload` writing each one's. The lead's dedupe key is `dedupeKey`, as before teams; a member's has their
 * id appended, so each hears it once.
 */
export async function emailTeam<T extends EmailTemplate>(
  tx: Tx,
  applicationId: string,
  lead: { email: string; name: string; locale: string },
  template: T,
  dedupeKey: string,
  payload: (recipient: TeamRecipient, locale: Locale) => EmailPayloads[T],
): Promise<void> {
  for (const recipient of await teamRecipients(tx, applicationId, lead)) {
    const locale = toLocale(recipient.locale);
    await enqueueEmail(tx, {
      to: recipient.email,
      template,
      locale,
      payload: payload(recipient, locale),
      dedupeKey: recipient.lead ? dedupeKey : `${dedupeKey}:${recipient.userId}`,
    });
  }
}
