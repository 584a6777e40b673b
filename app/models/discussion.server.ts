// The discussion of an application (issue 18): its reviewers — once each submitted their own review — and
// the admins argue a split decision; founders never see it. Who may read is decided by discussionAccess
// (app/domain/discussion.ts) on what the transaction reads; how participants are named, by participantLabel.
import { notify } from "./notification.server.ts";
import { env } from "~/config/env.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { toLocale, type ApplicationStatus } from "~/domain/constants.ts";
import {
  canEditPost,
  discussionAccess,
  editableSince,
  participantLabel,
  type DiscussionAccess,
  type ParticipantLabel,
} from "~/domain/discussion.ts";
import { UserError } from "~/domain/errors.ts";
import { DISAGREEMENT_THRESHOLD } from "~/domain/scoring.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import type { DiscussionEdit, DiscussionPostInput } from "~/schemas/discussion.ts";

/** The statuses in which an application's reviews may still sway its decision. */
const DELIBERATING: ApplicationStatus[] = ["REVIEW", "INTERVIEW", "COMMITTEE"];

export type DiscussionReader = { id: string; roles: readonly string[] };

/** The page of the discussion, for every participant (an admin and a reviewer reach the same address). */
export function discussionUrl(applicationId: string): string {
  return `${env().APP_URL}/staff/discussions/${applicationId}`;
}

/** The application's reviewers (review stage) in the order they were assigned, and whether each submitted. */
export async function reviewersOf(client: Tx, applicationId: string) {
  const assignments = await client.reviewAssignment.findMany({
    where: { applicationId, stage: "REVIEW" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      reviewerId: true,
      review: { select: { submittedAt: true } },
      reviewer: { select: { id: true, name: true, email: true, locale: true } },
    },
  });
  return assignments.map((assignment) => ({
    assignmentId: assignment.id,
    ...assignment.reviewer,
    submitted: assignment.review?.submittedAt != null,
  }));
}

/** Whether `reader` may read the application's discussion, from what `client` reads now. */
export async function accessOf(client: Tx, applicationId: string, reader: DiscussionReader) {
  const reviewers = await reviewersOf(client, applicationId);
  const own = reviewers.find((reviewer) => reviewer.id === reader.id);
  const isAdmin = reader.roles.includes("ADMIN");
  return {
    reviewers,
    isAdmin,
    ownAssignmentId: own?.assignmentId ?? null,
    access: discussionAccess({ isAdmin, assigned: own !== undefined, submittedOwnReview: own?.submitted ?? false }),
  };
}

export function refuse(access: Exclude<DiscussionAccess, { ok: true }>): never {
  // An application one is not assigned to does not exist for them; one not reviewed yet says why.
  if (access.reason === "notAssigned") throw new UserError("errors.title404", 404);
  throw new UserError("discussion.errors.reviewFirst", 403);
}

/** Refuses (UserError) a reader who may not read the application's discussion. */
export async function requireDiscussionReader(applicationId: string, reader: DiscussionReader): Promise<void> {
  if (!(await db.application.count({ where: { id: applicationId } }))) throw new UserError("errors.title404", 404);
  const { access } = await accessOf(db, applicationId, reader);
  if (!access.ok) refuse(access);
}

/** Everyone the discussion may notify: the admins and the reviewers who can read it, but the writer. */
async function mentionable(client: Tx, reviewers: Awaited<ReturnType<typeof reviewersOf>>, writerId: string) {
  const admins = await client.user.findMany({
    where: { active: true, roles: { some: { role: "ADMIN" } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true, locale: true },
  });
  const readers = [
    ...admins.map((admin) => ({ ...admin, isAdmin: true })),
    ...reviewers.filter((r) => r.submitted).map((r) => ({ ...r, isAdmin: false })),
  ];
  const unique = new Map(readers.map((person) => [person.id, person]));
  unique.delete(writerId);
  return [...unique.values()];
}

/** The discussion as `reader` sees it: posts (replies under their parent), labels, and who can be notified. */
export async function discussionFor(applicationId: string, reader: DiscussionReader, now = new Date()) {
  const application = await db.application.findUnique({
    where: { id: applicationId },
    select: { id: true, projectName: true, discussionOpenedAt: true, call: { select: { showReviewerNames: true } } },
  });
  if (!application) throw new UserError("errors.title404", 404);
  const { reviewers, isAdmin, ownAssignmentId, access } = await accessOf(db, applicationId, reader);
  if (!access.ok) refuse(access);
  const posts = await db.discussionPost.findMany({
    where: { applicationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      parentId: true,
      body: true,
      createdAt: true,
      editedAt: true,
      authorId: true,
      author: { select: { id: true, name: true, roles: { select: { role: true } } } },
    },
  });
  const order = reviewers.map((reviewer) => reviewer.id);
  const labelReader = { id: reader.id, isAdmin, showReviewerNames: application.call.showReviewerNames };
  const labelOf = (person: { id: string; name: string; isAdmin: boolean } | null): ParticipantLabel =>
    participantLabel(person, order, labelReader);
  const shown = posts.map((post) => ({
    id: post.id,
    kind: post.kind as "POST" | "OPENED",
    parentId: post.parentId,
    body: post.body,
    createdAt: post.createdAt,
    edited: post.editedAt !== null,
    mine: post.authorId === reader.id,
    editable: canEditPost(post, reader.id, now),
    author: labelOf(post.author && { ...post.author, isAdmin: post.author.roles.some((r) => r.role === "ADMIN") }),
  }));
  const people = await mentionable(db, reviewers, reader.id);
  return {
    application: { id: application.id, projectName: application.projectName, openedAt: application.discussionOpenedAt },
    isAdmin,
    ownAssignmentId,
    posts: shown
      .filter((post) => post.parentId === null)
      .map((post) => ({ ...post, replies: shown.filter((reply) => reply.parentId === post.id) })),
    mentionable: people.map((person) => ({ id: person.id, label: labelOf(person) })),
  };
}

/** Posts in the discussion (or replies to a post of it), and emails those it mentions, each in their language. */
export async function addDiscussionPost(applicationId: string, reader: DiscussionReader, input: DiscussionPostInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    const application = await tx.application.findUnique({
      where: { id: applicationId },
      select: { projectName: true, call: { select: { showReviewerNames: true } } },
    });
    if (!application) throw new UserError("errors.title404", 404);
    const { reviewers, isAdmin, access } = await accessOf(tx, applicationId, reader);
    if (!access.ok) refuse(access);
    if (input.parentId) {
      const parent = await tx.discussionPost.findFirst({
        where: { id: input.parentId, applicationId, parentId: null },
        select: { id: true },
      });
      if (!parent) throw new UserError("discussion.errors.parentGone", 409, { field: "body" });
    }
    const people = await mentionable(tx, reviewers, reader.id);
    const mentioned = people.filter((person) => input.mentions.includes(person.id));
    if (mentioned.length !== new Set(input.mentions).size)
      throw new UserError("discussion.errors.mentionUnknown", 400, { field: "mentions" });
    const post = await tx.discussionPost.create({
      data: { applicationId, authorId: reader.id, parentId: input.parentId ?? null, body: input.body, createdAt: now },
      select: { id: true },
    });
    const writer = await tx.user.findUniqueOrThrow({ where: { id: reader.id }, select: { id: true, name: true } });
    const order = reviewers.map((reviewer) => reviewer.id);
    for (const person of mentioned) {
      // The writer as the recipient would see them on the page.
      const label = participantLabel({ ...writer, isAdmin }, order, {
        id: person.id,
        isAdmin: person.isAdmin,
        showReviewerNames: application.call.showReviewerNames,
      });
      await enqueueEmail(tx, {
        to: person.email,
        template: "discussion-mention",
        locale: toLocale(person.locale),
        payload: {
          name: person.name,
          projectName: application.projectName,
          author: label.kind === "name" ? { name: label.name } : label.kind === "reviewer" ? { reviewerLetter: label.letter } : {},
          text: input.body,
          discussionUrl: `${discussionUrl(applicationId)}#post-${post.id}`,
        },
        dedupeKey: `discussion-mention:${post.id}:${person.id}`,
      });
    }
    await notify(
      tx,
      mentioned.map((person) => person.id),
      {
        kind: "MENTION",
        projectName: application.projectName,
        path: `/staff/discussions/${applicationId}#post-${post.id}`,
      },
      now,
    );
    await tx.auditEvent.create({
      data: {
        actorId: reader.id,
        subjectType: "Application",
        subjectId: applicationId,
        type: "DISCUSSION_POSTED",
        details: JSON.stringify({ postId: post.id, mentions: mentioned.map((person) => person.id) }),
        createdAt: now,
      },
    });
    return post;
  });
}

/** The author rewrites their post within the edit window: a write conditional on both, decided by the database. */
export async function editDiscussionPost(applicationId: string, reader: DiscussionReader, input: DiscussionEdit, now = new Date()) {
  await db.$transaction(async (tx) => {
    const { access } = await accessOf(tx, applicationId, reader);
    if (!access.ok) refuse(access);
    const { count } = await tx.discussionPost.updateMany({
      where: { id: input.postId, applicationId, authorId: reader.id, kind: "POST", createdAt: { gte: editableSince(now) } },
      data: { body: input.body, editedAt: now },
    });
    if (count === 0) throw new UserError("discussion.errors.notEditable", 409, { field: "body" });
  });
}

/**
 * Opens the discussion of every application of the call whose reviews now disagree (DISAGREEMENT_THRESHOLD),
 * once per application: a notice in the discussion and an email to each reviewer who submitted (not when
 * `notify` is false: the seed's past). Called in the
 * transaction that writes the call's scores; the conditional write on discussionOpenedAt keeps it to once
 * whoever computes the scores.
 */
export async function openDisagreementDiscussions(
  tx: Tx,
  callId: string,
  now = new Date(),
  options: { notify?: boolean } = {},
): Promise<number> {
  const flagged = await tx.application.findMany({
    // Deliberation is for a decision still to take.
    where: { callId, status: { in: DELIBERATING }, disagreement: { gt: DISAGREEMENT_THRESHOLD }, discussionOpenedAt: null },
    select: { id: true, projectName: true },
  });
  let opened = 0;
  for (const application of flagged) {
    const { count } = await tx.application.updateMany({
      where: { id: application.id, discussionOpenedAt: null },
      data: { discussionOpenedAt: now },
    });
    if (count === 0) continue;
    opened += 1;
    await tx.discussionPost.create({ data: { applicationId: application.id, kind: "OPENED", createdAt: now } });
    if (options.notify === false) continue;
    for (const reviewer of (await reviewersOf(tx, application.id)).filter((r) => r.submitted)) {
      await enqueueEmail(tx, {
        to: reviewer.email,
        template: "discussion-opened",
        locale: toLocale(reviewer.locale),
        payload: { name: reviewer.name, projectName: application.projectName, discussionUrl: discussionUrl(application.id) },
        dedupeKey: `discussion-opened:${application.id}:${reviewer.id}`,
      });
    }
  }
  return opened;
}
