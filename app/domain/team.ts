// Teams that apply together (issue 16): who may join, when an invitation can be sent again, and what
// the team still owes before its lead may submit. Pure: the models read the facts inside the transaction
// that writes and ask these functions.
import type { TranslationKey } from "~/i18n/keys.ts";
import type { InvitationStatus } from "./constants.ts";
import type { MessageParams } from "./errors.ts";

/** How long an emailed invitation link works. */
export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** Resending waits this long after the last send… */
export const INVITATION_RESEND_INTERVAL_MS = 10 * 60 * 1000;
/** …and stops after this many emails for one invitation. */
export const INVITATION_MAX_SENDS = 5;

export type { InvitationStatus };
/** What the team step and the invitation page show: a pending invitation past its date is expired. */
export type InvitationState = InvitationStatus | "EXPIRED";

export function invitationState(invitation: { status: InvitationStatus; expiresAt: Date }, now: Date): InvitationState {
  return invitation.status === "PENDING" && invitation.expiresAt <= now ? "EXPIRED" : invitation.status;
}

export type Refusal = { key: TranslationKey; params?: MessageParams };

/** The team as an invitation finds it: its members' and pending invitees' addresses (lower-cased). */
export type TeamFacts = {
  maxTeamSize: number;
  memberEmails: readonly string[];
  pendingEmails: readonly string[];
};

/** Why `email` cannot be invited by `inviterEmail` into the team, or null when it can. */
export function invitationRefusal(team: TeamFacts, inviterEmail: string, email: string): Refusal | null {
  if (email === inviterEmail.toLowerCase()) return { key: "teams.errors.inviteSelf" };
  if (team.memberEmails.includes(email)) return { key: "teams.errors.alreadyMember" };
  if (team.pendingEmails.includes(email)) return { key: "teams.errors.alreadyInvited" };
  if (team.memberEmails.length + team.pendingEmails.length >= team.maxTeamSize)
    return { key: "teams.errors.teamFull", params: { max: team.maxTeamSize } };
  return null;
}

/** Why an invitation cannot be emailed again now, or null. */
export function resendRefusal(
  invitation: { status: InvitationStatus; expiresAt: Date; sendCount: number; lastSentAt: Date },
  now: Date,
): Refusal | null {
  const state = invitationState(invitation, now);
  if (state !== "PENDING" && state !== "EXPIRED") return { key: "teams.errors.notPending" };
  if (invitation.sendCount >= INVITATION_MAX_SENDS) return { key: "teams.errors.resendLimit", params: { max: INVITATION_MAX_SENDS } };
  const waitMs = invitation.lastSentAt.getTime() + INVITATION_RESEND_INTERVAL_MS - now.getTime();
  if (waitMs > 0) return { key: "teams.errors.resendTooSoon", params: { minutes: Math.ceil(waitMs / 60_000) } };
  return null;
}

/** Why the holder of a link cannot answer it: spent, revoked, expired, or meant for another address. */
export function answerRefusal(
  invitation: { status: InvitationStatus; expiresAt: Date; email: string },
  accountEmail: string,
  now: Date,
): Refusal | null {
  const state = invitationState(invitation, now);
  if (state === "EXPIRED") return { key: "teams.errors.invitationExpired" };
  if (state === "REVOKED") return { key: "teams.errors.invitationRevoked" };
  if (state !== "PENDING") return { key: "teams.errors.invitationUsed" };
  if (invitation.email !== accountEmail.toLowerCase()) return { key: "teams.errors.otherAccount", params: { email: invitation.email } };
  return null;
}

/** What the lead's Submit waits for: every invitation answered (or revoked), every other member's consent. */
export function teamSubmissionRefusal(team: {
  pendingInvitations: number;
  members: ReadonlyArray<{ lead: boolean; consentAt: Date | null; name: string }>;
}): Refusal | null {
  if (team.pendingInvitations > 0) return { key: "teams.errors.invitationsPending", params: { count: team.pendingInvitations } };
  const waiting = team.members.filter((member) => !member.lead && !member.consentAt).map((member) => member.name);
  if (waiting.length > 0) return { key: "teams.errors.consentMissing", params: { names: waiting.join(", ") } };
  return null;
}
