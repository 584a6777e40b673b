// Erasure on request (issue 20, point 3): a person asks for their account and personal data to be erased. It is
// carried out at once unless one of their applications (as lead or as a member of the team) still needs them:
// then an admin decides (app/models/erasure.server.ts). Pure: which applications block, and why.
//
// What blocks an immediate erasure:
// - "in an active selection": the call is still deciding on the application, or offering it a seat —
//   SUBMITTED, SCREENING, REVIEW, INTERVIEW, COMMITTEE (reviewers, juries and the committee work on it),
//   ACCEPTED (a seat is offered, or accepted and the enrollment not done yet), WAITLISTED (a seat may still be
//   offered). Erasing it would pull a project out from under its reviewers, or a team out of its offer.
// - "in an enrolled cohort": ENROLLED and INCUBATING, the follow-up after enrollment (check-ins, the network's
//   commitments to the cohort and to its funders): the network may have to keep the record for a while.
//
// What does not block (the application is anonymized with the account, as retention would later):
// - DRAFT: never submitted, no one but its team has read it.
// - REJECTED, WITHDRAWN, DECLINED: the selection is over for it (rejected, withdrawn by the team, or the seat
//   turned down); retention would anonymize it anyway.
// - GRADUATED, LEFT_EARLY, CEASED: the follow-up is over; what the statistics count (status, dates, sector, site,
//   scores, check-in figures) stays after anonymization.
import type { ApplicationStatus } from "./constants.ts";

/** Why an application blocks an immediate erasure. */
export const ERASURE_BLOCKS = ["ACTIVE_SELECTION", "ENROLLED_COHORT"] as const;
export type ErasureBlock = (typeof ERASURE_BLOCKS)[number];

/** The statuses of an application whose selection is still deciding or offering. */
export const ACTIVE_SELECTION_STATUSES = [
  "SUBMITTED",
  "SCREENING",
  "REVIEW",
  "INTERVIEW",
  "COMMITTEE",
  "ACCEPTED",
  "WAITLISTED",
] as const satisfies readonly ApplicationStatus[];

/** The statuses of an application in a cohort the network follows. */
export const ENROLLED_COHORT_STATUSES = ["ENROLLED", "INCUBATING"] as const satisfies readonly ApplicationStatus[];

/** The states of an erasure request: waiting for an admin, carried out, or refused (with a reason). */
export const ERASURE_STATUSES = ["PENDING", "DONE", "REFUSED"] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

/** The longest reason an admin may give for a refusal. */
export const ERASURE_REASON_MAX = 2000;

/** Why the application blocks an immediate erasure of its people's data, or null when it does not. */
export function erasureBlock(status: ApplicationStatus): ErasureBlock | null {
  if ((ACTIVE_SELECTION_STATUSES as readonly ApplicationStatus[]).includes(status)) return "ACTIVE_SELECTION";
  if ((ENROLLED_COHORT_STATUSES as readonly ApplicationStatus[]).includes(status)) return "ENROLLED_COHORT";
  return null;
}

/**
 * The applications among `applications` (the person's, as lead or member) that block an immediate erasure, each
 * with its reason, in the order given. An application anonymized already blocks nothing: nothing of theirs is left in it.
 */
export function blockingApplications<A extends { status: ApplicationStatus; anonymizedAt?: Date | null }>(
  applications: readonly A[],
): Array<A & { block: ErasureBlock }> {
  return applications.flatMap((application) => {
    const block = application.anonymizedAt ? null : erasureBlock(application.status);
    return block ? [{ ...application, block }] : [];
  });
}

/** The erased account's address: unique (the column is), nobody's, and never deliverable (RFC 2606 `.invalid`). */
export function erasedEmail(userId: string): string {
  return `erased-${userId}@erased.invalid`;
}

/** What an erased account's name becomes. */
export const ERASED_NAME = "—";
