// Consensus feedback (issue 18): the one text a founder may receive about their application's reviews. An admin,
// or the lead reviewer an admin named, drafts it from the reviewers' notes; every other reviewer who submitted
// approves it or comments; only an approved text goes out with a rejection or a waitlisting. Pure: the model
// reads the facts inside its transaction and asks here.

/** The longest feedback text and comment, in characters. */
export const CONSENSUS_MAX_LENGTH = 4000;

/** Who may write the text: admins, and the lead reviewer while they are one of the application's reviewers who submitted. */
export function canDraftConsensus(
  reader: { id: string; isAdmin: boolean },
  leadReviewerId: string | null,
  submittedReviewerIds: readonly string[],
) {
  if (reader.isAdmin) return true;
  return leadReviewerId === reader.id && submittedReviewerIds.includes(reader.id);
}

/** Whose approval the current version needs: every reviewer who submitted, but the one who proposed it. */
export function consensusApprovers(submittedReviewerIds: readonly string[], proposedById: string | null): string[] {
  return submittedReviewerIds.filter((id) => id !== proposedById);
}

export type ConsensusResponseFact = { reviewerId: string; version: number; approved: boolean };

export type ConsensusState =
  { kind: "none" } | { kind: "awaiting"; version: number; pending: string[] } | { kind: "approved"; version: number };

/**
 * Where the text stands: nothing proposed yet; waiting for the approvers who have not approved the current
 * version (a comment, or an approval of an earlier text, does not count); or approved — at once when nobody
 * else reviewed it.
 */
export function consensusState(
  feedback: { version: number; proposedById: string | null },
  submittedReviewerIds: readonly string[],
  responses: readonly ConsensusResponseFact[],
): ConsensusState {
  if (feedback.version === 0) return { kind: "none" };
  const approvedBy = new Set(
    responses.filter((response) => response.version === feedback.version && response.approved).map((response) => response.reviewerId),
  );
  const pending = consensusApprovers(submittedReviewerIds, feedback.proposedById).filter((id) => !approvedBy.has(id));
  return pending.length === 0 ? { kind: "approved", version: feedback.version } : { kind: "awaiting", version: feedback.version, pending };
}

/** Who may answer the current version: one of its approvers, once, about the version they read. */
export function mayRespond(
  reviewerId: string,
  feedback: { version: number; proposedById: string | null },
  submittedReviewerIds: readonly string[],
  readVersion: number,
): { ok: true } | { ok: false; reason: "notApprover" | "stale" } {
  if (!consensusApprovers(submittedReviewerIds, feedback.proposedById).includes(reviewerId)) return { ok: false, reason: "notApprover" };
  if (feedback.version === 0 || readVersion !== feedback.version) return { ok: false, reason: "stale" };
  return { ok: true };
}
