// The committee's decision is staged (DESIGN.md §3): the founder learns it only
// when the admins release the call's decisions in one batch. This is the rule's
// one home: the lifecycle's guards, the founder's timeline and status, and the
// queries of app/models/decision-release.server.ts all ask it.
import type { ApplicationStatus } from "./constants.ts";

/** The statuses a committee decides; each stays hidden from the founder until released. */
export const COMMITTEE_DECISIONS = ["ACCEPTED", "WAITLISTED", "REJECTED"] as const satisfies readonly ApplicationStatus[];
export type CommitteeDecision = (typeof COMMITTEE_DECISIONS)[number];

/** What the rule looks at: the status, and when a decision was released to the founder (null: not yet). */
export type DecisionFacts = { status: ApplicationStatus; decisionReleasedAt: Date | null };

export function isCommitteeDecision(status: ApplicationStatus): status is CommitteeDecision {
  return (COMMITTEE_DECISIONS as readonly ApplicationStatus[]).includes(status);
}

/** A decision the committee took that the founder has not been told yet. */
export function isDecisionHidden(application: DecisionFacts): boolean {
  return isCommitteeDecision(application.status) && application.decisionReleasedAt === null;
}

/** The status as the founder may know it: a hidden decision still reads "with the committee". */
export function founderVisibleStatus(application: DecisionFacts): ApplicationStatus {
  return isDecisionHidden(application) ? "COMMITTEE" : application.status;
}
