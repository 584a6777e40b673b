import { env } from "~/config/env.server.ts";
import { db } from "~/db/client.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import type { Locale } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import { hashPassword } from "~/auth/password.server.ts";
import { consumeToken, issueToken } from "./token.server.ts";
import { isUniqueViolation } from "./user.server.ts";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function listReviewers() {
  return db.user.findMany({
    where: { roles: { some: { role: "REVIEWER" } } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      email: true,
      active: true,
      passwordHash: true,
      reviewerProfile: { select: { sectors: true, maxLoad: true, sites: { select: { id: true, name: true } } } },
      _count: { select: { assignments: { where: { status: "PENDING" } } } },
    },
  });
}

export function getReviewer(id: string) {
  return db.user.findFirst({
    where: { id, roles: { some: { role: "REVIEWER" } } },
    select: {
      id: true,
      name: true,
      email: true,
      active: true,
      reviewerProfile: { select: { sectors: true, maxLoad: true, sites: { select: { id: true } } } },
    },
  });
}

/**
 * Invites a reviewer: the account exists at once (without a password) with a
 * profile, and an emailed single-use link lets them choose their password.
 */
export async function inviteReviewer(
  input: { name: string; email: string; locale: Locale; sectors: string[]; siteIds: string[]; maxLoad: number },
  inviter: { id: string; name: string },
) {
  const email = input.email.toLowerCase();
  // The unique address is the guard, also against two invitations at once: a taken one is a refusal on the field.
  const emailTaken = (error: unknown) => {
    throw isUniqueViolation(error) ? new UserError("auth.emailTaken", 409, { field: "email" }) : error;
  };
  return db
    .$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email,
          name: input.name,
          locale: input.locale,
          roles: { create: [{ role: "REVIEWER" }] },
          reviewerProfile: {
            create: { sectors: input.sectors.join(","), maxLoad: input.maxLoad, sites: { connect: input.siteIds.map((id) => ({ id })) } },
          },
        },
        select: { id: true },
      });
      const token = await issueToken(tx, user.id, "INVITATION", INVITATION_TTL_MS);
      await enqueueEmail(tx, {
        to: email,
        template: "reviewer-invitation",
        locale: input.locale,
        payload: {
          name: input.name,
          inviterName: inviter.name,
          setPasswordUrl: `${env().APP_URL}/invitation/${token.raw}`,
          expiresAt: token.expiresAt.toISOString(),
        },
        dedupeKey: `reviewer-invitation:${token.id}`,
      });
      await tx.auditEvent.create({
        data: {
          actorId: inviter.id,
          subjectType: "User",
          subjectId: user.id,
          type: "REVIEWER_INVITED",
          details: JSON.stringify({ email }),
        },
      });
      return user;
    })
    .catch(emailTaken);
}

/** The invited reviewer chooses a password; the invitation cannot be used again. */
export async function acceptInvitation(rawToken: string, password: string): Promise<string | null> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const userId = await consumeToken(tx, "INVITATION", rawToken);
    if (!userId) return null;
    // The invitation reached this address: it is proven.
    await tx.user.update({ where: { id: userId }, data: { passwordHash, emailVerifiedAt: new Date() } });
    await tx.auditEvent.create({ data: { actorId: userId, subjectType: "User", subjectId: userId, type: "INVITATION_ACCEPTED" } });
    return userId;
  });
}

export async function updateReviewerProfile(
  reviewerId: string,
  input: { sectors: string[]; siteIds: string[]; maxLoad: number },
  actorId: string,
) {
  await db.$transaction(async (tx) => {
    await tx.reviewerProfile.upsert({
      where: { userId: reviewerId },
      create: {
        userId: reviewerId,
        sectors: input.sectors.join(","),
        maxLoad: input.maxLoad,
        sites: { connect: input.siteIds.map((id) => ({ id })) },
      },
      update: { sectors: input.sectors.join(","), maxLoad: input.maxLoad, sites: { set: input.siteIds.map((id) => ({ id })) } },
    });
    await tx.auditEvent.create({
      data: { actorId, subjectType: "User", subjectId: reviewerId, type: "REVIEWER_PROFILE_UPDATED", details: JSON.stringify(input) },
    });
  });
}

/**
 * Deactivates or reactivates a reviewer. Deactivation ends their sessions and
 * returns their open assignments to the pool for the next assignment run.
 */
export async function setReviewerActive(reviewerId: string, active: boolean, actorId: string): Promise<{ released: number }> {
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: reviewerId }, data: { active } });
    let released = 0;
    if (!active) {
      await tx.session.deleteMany({ where: { userId: reviewerId } });
      // Unsubmitted work goes back to the pool (draft reviews with it); submitted reviews stay.
      ({ count: released } = await tx.reviewAssignment.deleteMany({ where: { reviewerId, status: "PENDING" } }));
    }
    await tx.auditEvent.create({
      data: {
        actorId,
        subjectType: "User",
        subjectId: reviewerId,
        type: active ? "REVIEWER_REACTIVATED" : "REVIEWER_DEACTIVATED",
        details: JSON.stringify({ released }),
      },
    });
    return { released };
  });
}

/** Active reviewers who chose a password: the ones an admin can add to an application. */
export function listAssignableReviewers() {
  return cachedUntilChange("reviewers:assignable", async () => {
    // From the role (indexed, a few dozen rows) to the user: not through every account.
    const roles = await db.userRole.findMany({
      where: { role: "REVIEWER", user: { active: true, passwordHash: { not: null } } },
      select: { user: { select: { id: true, name: true } } },
    });
    return roles.map((r) => r.user).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  });
}
