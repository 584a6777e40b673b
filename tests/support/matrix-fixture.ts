// One world for the authorization matrix (tests/integration/authorization-matrix.test.ts):
// every role the matrix plays, and a real record behind every route parameter,
// so an allowed user reaches the route's own logic instead of a "not found".
//
// Founder A owns three applications, one per call (a founder applies once to a call):
//   - `submitted`: SUBMITTED in an OPEN call whose deadline is ahead (still editable by A);
//   - `inReview`:  REVIEW in a call past its deadline with a rubric, R1 assigned, pitch deck attached;
//   - `accepted`:  ACCEPTED, decision released, with a PENDING seat offer in a cohort.
// Founder B owns nothing. Member M is on A's team (issue 16): an accepted membership on each of
// A's three applications, their address on each team list, consent given (all three were submitted).
// Founder I holds a PENDING invitation to `submitted` (on its team list, no membership); the fixture
// knows the invitation's raw link token, of which the row stores only the hash. Reviewer R2 has no
// assignment. Member M wrote to the staff about the application in review, sending a PDF (issue 18).
// An invited reviewer (no password yet) is the one an admin edits; inviting them queued
// an outbox email carrying a real invitation token. A password-reset token and one .eml in the
// local mailbox complete the parameters.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import { env } from "~/config/env.server.ts";
import { db } from "~/db/client.server.ts";
import { INVITATION_TTL_MS } from "~/domain/team.ts";
import { mailboxTransport } from "~/email/transport.server.ts";
import { requestPasswordReset } from "~/models/password-reset.server.ts";
import { inviteReviewer } from "~/models/reviewer.server.ts";
import { hashToken } from "~/models/token.server.ts";
import { MESSAGE_FILE_TYPES } from "~/schemas/message.ts";
import { MAX_UPLOAD_BYTES } from "~/storage/file-type.ts";
import { storeUpload } from "~/storage/files.server.ts";
import { createTestUser } from "./factories.ts";
import { closeCallDeadline, createApplication, createOpenCall, createSite, DAY_MS, pdfBuffer } from "./intake-factories.ts";
import { assignReviewer, createReviewCall, createReviewer } from "./review-factories.ts";

/** The roles of the matrix, in the order of the expected table's columns. */
export const MATRIX_ROLES = [
  "anonymous",
  "founder",
  "otherFounder",
  "teamMember",
  "invitee",
  "reviewerAssigned",
  "reviewerUnassigned",
  "admin",
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/** How a role is named in test titles. */
export const ROLE_LABELS: Record<MatrixRole, string> = {
  anonymous: "anonymous",
  founder: "founder",
  otherFounder: "other founder",
  teamMember: "team member",
  invitee: "invited founder (not accepted)",
  reviewerAssigned: "assigned reviewer",
  reviewerUnassigned: "unassigned reviewer",
  admin: "admin",
};

/** The token a one-time link carries: its last path segment. */
function tokenOf(payload: string, field: string): string {
  const url = (JSON.parse(payload) as Record<string, string>)[field];
  const token = url?.split("/").pop();
  if (!token) throw new Error(`No token in the ${field} of ${payload}`);
  return token;
}

export async function createMatrixFixture() {
  const site = await createSite();

  // People
  const founder = await createTestUser({ roles: ["FOUNDER"], name: "Founder A" });
  const otherFounder = await createTestUser({ roles: ["FOUNDER"], name: "Founder B" });
  const teamMember = await createTestUser({ roles: ["FOUNDER"], name: "Member M" });
  const invitee = await createTestUser({ roles: ["FOUNDER"], name: "Founder Invited" });
  const reviewerAssigned = await createReviewer({ name: "Reviewer R1" });
  const reviewerUnassigned = await createReviewer({ name: "Reviewer R2" });
  const admin = await createTestUser({ roles: ["ADMIN"], name: "Admin Tremplin" });

  // A SUBMITTED application in an open call: the founder may still edit it.
  const openCall = await createOpenCall({ sites: [site] });
  const submitted = await createApplication({ founder, call: openCall, site, status: "SUBMITTED" });

  // An application in REVIEW with a rubric, assigned to R1 only.
  const { call: reviewCall } = await createReviewCall({ sites: [site], reviewersPerApplication: 1 });
  const inReview = await createApplication({ founder, call: reviewCall, site, status: "REVIEW" });
  const assignment = await assignReviewer(inReview.application.id, reviewerAssigned.id);

  // Pitch day (issue 19): the review call has an interview day with one morning slot and a morning panel on
  // which R1 sits (R1 invited as a juror, R2 not).
  await db.call.update({ where: { id: reviewCall.id }, data: { hasInterview: true } });
  const interviewDay = await db.interviewDay.create({
    data: {
      callId: reviewCall.id,
      siteId: site.id,
      date: "2031-05-06",
      startTime: "09:00",
      endTime: "09:30",
      slotMinutes: 30,
      room: "Salle Atlas",
      slots: { create: [{ startsAt: new Date("2031-05-06T08:00:00Z"), endsAt: new Date("2031-05-06T08:30:00Z") }] },
    },
  });
  await db.interviewJuror.create({ data: { callId: reviewCall.id, reviewerId: reviewerAssigned.id } });
  const interviewPanel = await db.interviewPanel.create({
    data: {
      dayId: interviewDay.id,
      halfDay: "AM",
      jurors: { create: [{ reviewerId: reviewerAssigned.id, date: "2031-05-06", halfDay: "AM" }] },
    },
  });

  // An ACCEPTED application, decision released, with a pending seat offer.
  const offerCall = await createOpenCall({ sites: [site] });
  await closeCallDeadline(offerCall.id);
  const cohort = await db.cohort.findFirstOrThrow({ where: { callId: offerCall.id } });
  const accepted = await createApplication({ founder, call: offerCall, site, status: "ACCEPTED" });
  await db.application.update({
    where: { id: accepted.application.id },
    data: { decisionReleasedAt: new Date(), allocatedCohortId: cohort.id },
  });
  const offer = await db.offer.create({
    data: { applicationId: accepted.application.id, cohortId: cohort.id, status: "PENDING", expiresAt: new Date(Date.now() + 7 * DAY_MS) },
  });

  // A project of A's in incubation (issue 17), enrolled in a cohort that started, with a check-in due since yesterday.
  const followCall = await createOpenCall({ sites: [site] });
  await closeCallDeadline(followCall.id);
  const followCohort = await db.cohort.findFirstOrThrow({ where: { callId: followCall.id } });
  const followed = await createApplication({ founder, call: followCall, site, status: "INCUBATING" });
  await db.application.update({ where: { id: followed.application.id }, data: { enrolledCohortId: followCohort.id } });
  const checkIn = await db.checkIn.create({
    data: { applicationId: followed.application.id, monthsAfter: 6, dueAt: new Date(Date.now() - DAY_MS), openedAt: new Date() },
  });

  // Founder A's notification of a message about the submitted application (issue 18's bell).
  const notification = await db.notification.create({
    data: {
      userId: founder.id,
      kind: "MESSAGE",
      projectName: "Projet A",
      path: `/founder/applications/${submitted.application.id}/messages`,
    },
  });

  // Member M joined each of A's applications: they took the co-founder's row of the team list (every
  // member keeps a row with their address) and confirmed before it was submitted.
  for (const application of [submitted.application, inReview.application, accepted.application, followed.application]) {
    await db.teamMembership.create({
      data: { applicationId: application.id, callId: application.callId, userId: teamMember.id, consentAt: new Date() },
    });
    await db.teamMember.updateMany({
      where: { applicationId: application.id, position: 1 },
      data: { name: teamMember.name, email: teamMember.email },
    });
  }

  // Member M's message to the staff about the application in review, with a PDF stored as an upload would be.
  const message = await db.message.create({
    data: { applicationId: inReview.application.id, authorId: teamMember.id, fromStaff: false, body: "Notre plan financier" },
  });
  const stored = await storeUpload(
    (async function* () {
      yield Uint8Array.from(pdfBuffer());
    })(),
    { maxBytes: MAX_UPLOAD_BYTES, allowed: MESSAGE_FILE_TYPES },
  );
  const messageFile = await db.messageAttachment.create({
    data: {
      messageId: message.id,
      fileName: "plan-financier.pdf",
      mimeType: stored.mimeType,
      size: stored.size,
      sha256: stored.sha256,
      storageKey: stored.storageKey,
    },
  });

  // Founder I is invited to the `submitted` application and has not answered: listed, no membership.
  // The link's raw token is known here; the row stores its hash, as inviteTeamMember does.
  const teamInvitationToken = crypto.randomBytes(32).toString("base64url");
  const teamInvitation = await db.teamInvitation.create({
    data: {
      applicationId: submitted.application.id,
      email: invitee.email,
      name: invitee.name,
      role: "COO",
      tokenHash: hashToken(teamInvitationToken),
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      invitedById: founder.id,
    },
  });
  await db.teamMember.create({
    data: { applicationId: submitted.application.id, name: invitee.name, email: invitee.email, role: "COO", position: 2 },
  });

  // An invited reviewer (the one an admin edits), the invitation email in the outbox, and its token.
  const invitedEmail = `invited-${process.pid}@review-firm.ma`;
  const invited = await inviteReviewer(
    { name: "Reviewer Invited", email: invitedEmail, locale: "fr", sectors: ["NEW_TECH"], siteIds: [site.id], maxLoad: 5 },
    admin,
  );
  const invitationEmail = await db.outboxEmail.findFirstOrThrow({ where: { template: "reviewer-invitation", to: invitedEmail } });
  const invitationToken = tokenOf(invitationEmail.payload, "setPasswordUrl");

  // A password-reset link for a user of its own (nobody else's password is at stake).
  const resetUser = await createTestUser({ roles: ["FOUNDER"], name: "Founder Reset" });
  await requestPasswordReset(resetUser.email);
  const resetEmail = await db.outboxEmail.findFirstOrThrow({ where: { template: "password-reset", to: resetUser.email } });
  const resetToken = tokenOf(resetEmail.payload, "resetUrl");

  // One email in the local mailbox, written by the app's own mailbox transport.
  const mailboxDir = env().MAILBOX_DIR;
  const before = new Set(await fs.readdir(mailboxDir).catch(() => [] as string[]));
  await mailboxTransport(mailboxDir).send({
    from: "Tremplin <no-reply@tremplin.test>",
    to: founder.email,
    subject: "Matrix mailbox probe",
    html: "<p>Bonjour</p>",
    text: "Bonjour",
  });
  const mailboxFile = (await fs.readdir(mailboxDir)).find((file) => file.endsWith(".eml") && !before.has(file));
  if (!mailboxFile) throw new Error(`No .eml written to ${mailboxDir}`);

  return {
    users: { founder, otherFounder, teamMember, invitee, reviewerAssigned, reviewerUnassigned, admin, invited, resetUser },
    site,
    openCall,
    submitted: submitted.application,
    reviewCall,
    inReview: inReview.application,
    attachment: inReview.pitchDeck,
    messageFile,
    assignment,
    interviewDay,
    interviewPanel,
    offerCall,
    accepted: accepted.application,
    offer,
    cohort,
    followCohort,
    followed: followed.application,
    checkIn,
    notification,
    outboxEmail: invitationEmail,
    invitationToken,
    teamInvitation,
    teamInvitationToken,
    resetToken,
    mailboxFile,
  };
}

export type MatrixFixture = Awaited<ReturnType<typeof createMatrixFixture>>;
