// Consensus feedback (issue 18): the one text about the reviews that a founder may receive. It lives beside the
// application's discussion and has the same readers (accessOf); who drafts and whose approval counts is decided
// by app/domain/consensus.ts on what each transaction reads. Releasing a rejection or a waitlisting sends the
// approved text, and nothing a reviewer wrote otherwise (approvedConsensusText).
import { db, type Tx } from "~/db/client.server.ts";
import { canDraftConsensus, consensusState, mayRespond, type ConsensusState } from "~/domain/consensus.ts";
import { participantLabel, type ParticipantLabel } from "~/domain/discussion.ts";
import { UserError } from "~/domain/errors.ts";
import type { ConsensusLeadInput, ConsensusProposal, ConsensusResponseInput } from "~/schemas/consensus.ts";
import { accessOf, refuse, type DiscussionReader } from "./discussion.server.ts";

const FEEDBACK_SELECT = { version: true, proposedById: true, text: true, leadReviewerId: true, approvedAt: true } as const;

/** The reviewers who submitted, in the order they were assigned (the discussion's letters), and the reader's access. */
async function readersOf(client: Tx, applicationId: string, reader: DiscussionReader) {
  const found = await client.application.count({ where: { id: applicationId } });
  if (!found) throw new UserError("errors.title404", 404);
  const { reviewers, isAdmin, access } = await accessOf(client, applicationId, reader);
  if (!access.ok) refuse(access);
  const submitted = reviewers.filter((reviewer) => reviewer.submitted);
  return { reviewers, isAdmin, submitted, submittedIds: submitted.map((reviewer) => reviewer.id) };
}

async function audit(tx: Tx, actorId: string, applicationId: string, type: string, details: Record<string, unknown>, now: Date) {
  await tx.auditEvent.create({
    data: { actorId, subjectType: "Application", subjectId: applicationId, type, details: JSON.stringify(details), createdAt: now },
  });
}

/** What the discussion page shows of the consensus feedback to `reader`: the notes side by side, the text, its state. */
export async function consensusFor(applicationId: string, reader: DiscussionReader) {
  const { reviewers, isAdmin, submitted, submittedIds } = await readersOf(db, applicationId, reader);
  const [application, notes, feedback] = await Promise.all([
    db.application.findUniqueOrThrow({ where: { id: applicationId }, select: { call: { select: { showReviewerNames: true } } } }),
    db.review.findMany({
      where: { assignment: { applicationId, stage: "REVIEW" }, submittedAt: { not: null } },
      select: { founderFeedback: true, assignment: { select: { reviewerId: true } } },
    }),
    db.consensusFeedback.findUnique({
      where: { applicationId },
      select: {
        ...FEEDBACK_SELECT,
        proposedBy: { select: { id: true, name: true } },
        responses: {
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { reviewerId: true, version: true, approved: true, comment: true },
        },
      },
    }),
  ]);
  const order = reviewers.map((reviewer) => reviewer.id);
  const labelReader = { id: reader.id, isAdmin, showReviewerNames: application.call.showReviewerNames };
  const nameOf = new Map(reviewers.map((reviewer) => [reviewer.id, reviewer.name]));
  const labelOf = (id: string): ParticipantLabel =>
    participantLabel({ id, name: nameOf.get(id) ?? "", isAdmin: !nameOf.has(id) }, order, labelReader);
  const noteOf = new Map(notes.map((note) => [note.assignment.reviewerId, note.founderFeedback.trim()]));
  const current = feedback ?? {
    version: 0,
    proposedById: null,
    proposedBy: null,
    text: "",
    leadReviewerId: null,
    approvedAt: null,
    responses: [],
  };
  // Once approved it stays so (the text may have gone out): a reviewer submitting later does not reopen it.
  const state: ConsensusState = current.approvedAt
    ? { kind: "approved", version: current.version }
    : consensusState(current, submittedIds, current.responses);
  const ownResponse = current.responses.find((response) => response.reviewerId === reader.id && response.version === current.version);
  return {
    notes: submitted.map((reviewer) => ({ reviewer: labelOf(reviewer.id), note: noteOf.get(reviewer.id) ?? "" })),
    text: current.text,
    version: current.version,
    state: state.kind,
    proposedBy: current.proposedBy
      ? nameOf.has(current.proposedBy.id)
        ? labelOf(current.proposedBy.id)
        : ({ kind: "name", name: current.proposedBy.name } as const)
      : null,
    pending: state.kind === "awaiting" ? state.pending.map(labelOf) : [],
    responses: current.responses
      .filter((response) => response.version === current.version)
      .map((response) => ({ reviewer: labelOf(response.reviewerId), approved: response.approved, comment: response.comment })),
    lead: current.leadReviewerId ? { id: current.leadReviewerId, label: labelOf(current.leadReviewerId) } : null,
    /** Admins name the lead among the reviewers who submitted. */
    leadOptions: isAdmin ? submitted.map((reviewer) => ({ id: reviewer.id, label: labelOf(reviewer.id) })) : [],
    isAdmin,
    canDraft: canDraftConsensus({ id: reader.id, isAdmin }, current.leadReviewerId, submittedIds),
    canRespond: mayRespond(reader.id, current, submittedIds, current.version).ok && !ownResponse?.approved,
  };
}

/** An admin names the reviewer who drafts the text (one who submitted), or nobody. */
export async function nameConsensusLead(applicationId: string, admin: DiscussionReader, input: ConsensusLeadInput, now = new Date()) {
  await db.$transaction(async (tx) => {
    const { isAdmin, submittedIds } = await readersOf(tx, applicationId, admin);
    if (!isAdmin) throw new UserError("errors.title403", 403);
    const leadReviewerId = input.leadReviewerId ?? null;
    if (leadReviewerId !== null && !submittedIds.includes(leadReviewerId))
      throw new UserError("consensus.errors.leadNotReviewer", 400, { field: "leadReviewerId" });
    await tx.consensusFeedback.upsert({ where: { applicationId }, create: { applicationId, leadReviewerId }, update: { leadReviewerId } });
    await audit(tx, admin.id, applicationId, "CONSENSUS_LEAD_NAMED", { leadReviewerId }, now);
  });
}

/**
 * Proposes a text (a new version) for approval, if the reader may draft and nobody proposed another since they
 * read version `expectedVersion`: approvals of the earlier text stop counting. Approved at once when nobody else
 * reviewed the application.
 */
export async function proposeConsensus(applicationId: string, reader: DiscussionReader, input: ConsensusProposal, now = new Date()) {
  await db.$transaction(async (tx) => {
    const { isAdmin, submittedIds } = await readersOf(tx, applicationId, reader);
    const feedback = await tx.consensusFeedback.upsert({
      where: { applicationId },
      create: { applicationId },
      update: {},
      select: FEEDBACK_SELECT,
    });
    if (!canDraftConsensus({ id: reader.id, isAdmin }, feedback.leadReviewerId, submittedIds))
      throw new UserError("consensus.errors.notDrafter", 403);
    const version = input.expectedVersion + 1;
    const approvedAt = consensusState({ version, proposedById: reader.id }, submittedIds, []).kind === "approved" ? now : null;
    // Conditional on the version read: two drafters saving at once cannot both win.
    const { count } = await tx.consensusFeedback.updateMany({
      where: { applicationId, version: input.expectedVersion },
      data: { text: input.text, version, proposedById: reader.id, proposedAt: now, approvedAt },
    });
    if (count === 0) throw new UserError("consensus.errors.changedMeanwhile", 409, { field: "text" });
    await audit(tx, reader.id, applicationId, "CONSENSUS_PROPOSED", { version }, now);
  });
}

/**
 * A reviewer approves the version they read, or comments on it. The text is approved when the last approval of
 * its current version lands, decided in the same transaction (two last approvals at once: one of them sees the other).
 */
export async function respondToConsensus(applicationId: string, reader: DiscussionReader, input: ConsensusResponseInput, now = new Date()) {
  await db.$transaction(async (tx) => {
    const { submittedIds } = await readersOf(tx, applicationId, reader);
    const feedback = await tx.consensusFeedback.findUnique({ where: { applicationId }, select: FEEDBACK_SELECT });
    const allowed = mayRespond(reader.id, feedback ?? { version: 0, proposedById: null }, submittedIds, input.version);
    if (!allowed.ok)
      throw allowed.reason === "stale"
        ? new UserError("consensus.errors.changedMeanwhile", 409, { field: "comment" })
        : new UserError("consensus.errors.notApprover", 403);
    const key = { applicationId_version_reviewerId: { applicationId, version: input.version, reviewerId: reader.id } };
    const existing = await tx.consensusResponse.findUnique({ where: key, select: { approved: true } });
    // An approval stands: the text may have gone out on it.
    if (existing?.approved) throw new UserError("consensus.errors.alreadyApproved", 409, { field: "comment" });
    const data = { approved: input.approve, comment: input.comment, createdAt: now };
    await tx.consensusResponse.upsert({
      where: key,
      create: { applicationId, version: input.version, reviewerId: reader.id, ...data },
      update: data,
    });
    const responses = await tx.consensusResponse.findMany({
      where: { applicationId, version: input.version },
      select: { reviewerId: true, version: true, approved: true },
    });
    if (consensusState(feedback!, submittedIds, responses).kind === "approved")
      await tx.consensusFeedback.updateMany({
        where: { applicationId, version: input.version, approvedAt: null },
        data: { approvedAt: now },
      });
    await audit(
      tx,
      reader.id,
      applicationId,
      input.approve ? "CONSENSUS_APPROVED" : "CONSENSUS_COMMENTED",
      { version: input.version },
      now,
    );
  });
}

/** The approved feedback text of each application that has one (what a decision email may carry). */
export async function approvedConsensusTexts(tx: Tx, applicationIds: string[]): Promise<Map<string, string>> {
  const approved = await tx.consensusFeedback.findMany({
    where: { applicationId: { in: applicationIds }, approvedAt: { not: null } },
    select: { applicationId: true, text: true },
  });
  return new Map(approved.map((feedback) => [feedback.applicationId, feedback.text]));
}
