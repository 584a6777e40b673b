// Decisions, offers and enrolments: the committee's decisions released in one
// batch, the seat offered to each accepted applicant and what became of it.
import type { ApplicationStatus, Sector } from "~/domain/constants.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { LifecycleStep } from "./history.ts";
import { newId } from "./random.ts";
import { DAY, HOUR, type PlannedCall, type PlannedCohort, type Planner } from "./shared.ts";

export const DECIDED_STATUSES: readonly ApplicationStatus[] = ["ACCEPTED", "WAITLISTED", "REJECTED", "ENROLLED", "DECLINED"];
/** Statuses whose application was offered a seat. */
export const OFFERED_STATUSES: readonly ApplicationStatus[] = ["ACCEPTED", "ENROLLED", "DECLINED"];
/** The committee's decision that led to each decided status (an offered seat was an acceptance). */
export const COMMITTEE_DECISION = { ACCEPTED: "accept", WAITLISTED: "waitlist", REJECTED: "reject" } as const;

export const DECISION_REASONS: Partial<Record<ApplicationStatus, readonly string[]>> = {
  ACCEPTED: [
    "Le comité de sélection a retenu votre projet pour la qualité de l'équipe et son potentiel d'impact.",
    "Projet retenu : innovation claire et marché bien identifié.",
  ],
  WAITLISTED: [
    "Projet de qualité, placé sur liste d'attente faute de place disponible dans votre secteur.",
    "Le comité a apprécié votre dossier ; vous êtes sur liste d'attente et serez contacté·e si une place se libère.",
  ],
  REJECTED: [
    "Le comité salue votre démarche mais le projet n'est pas retenu : la validation du marché reste insuffisante.",
    "Projet non retenu pour cette cohorte ; nous vous encourageons à candidater de nouveau.",
  ],
};
export const INELIGIBILITY_REASONS = [
  "Candidature non éligible : le dossier ne comporte ni pitch deck ni présentation de l'équipe.",
  "Candidature non éligible : l'entreprise a été créée il y a plus de trois ans.",
  "Candidature non éligible : aucun membre de l'équipe ne réside au Maroc.",
];

/** The offer made when decisions were released, answered (or not) according to `status`: the founder's answer is returned as a lifecycle step. */
export function planOffer(
  planner: Planner,
  call: PlannedCall,
  applicationId: string,
  cohort: PlannedCohort,
  sector: Sector,
  status: ApplicationStatus,
): { cohortId: string; lastEventAt: Date; answer: LifecycleStep | null } {
  const { random, rows } = planner;
  const offeredAt = call.decisionsReleasedAt;
  const expiresAt = offeredAt + call.offerResponseDays * DAY;
  const offer: Prisma.OfferCreateManyInput = {
    id: newId(),
    applicationId,
    cohortId: cohort.row.id!,
    status: "PENDING",
    expiresAt: new Date(expiresAt),
    createdAt: new Date(offeredAt),
  };
  let lastEventAt = new Date(offeredAt);
  let answer: LifecycleStep | null = null;
  if (status === "DECLINED" && expiresAt < planner.now && random.chance(0.3)) {
    offer.status = "EXPIRED"; // never answered: the expiry job declined it
    lastEventAt = new Date(expiresAt);
    answer = { name: "decline", at: lastEventAt, by: "system", reason: "offer expired" };
  } else if (status !== "ACCEPTED") {
    offer.status = status === "ENROLLED" ? "ACCEPTED" : "DECLINED";
    offer.respondedAt = lastEventAt = random.between(offeredAt + HOUR, Math.min(expiresAt - HOUR, call.activityEndsAt));
    answer = { name: status === "ENROLLED" ? "enroll" : "decline", at: lastEventAt, by: "founder" };
  }
  // A pending offer holds its seat as firmly as an enrolment.
  if (status !== "DECLINED") cohort.seatsTaken[sector] += 1;
  rows.offers.push(offer);
  return { cohortId: offer.cohortId, lastEventAt, answer };
}

/** The call's release of its committee decisions, as releaseDecisions records it. */
export function planDecisionRelease(planner: Planner, call: PlannedCall): void {
  if (call.decisionsReleased === 0) return;
  planner.rows.auditEvents.push({
    id: newId(),
    actorId: planner.adminId,
    subjectType: "Call",
    subjectId: call.id,
    type: "DECISIONS_RELEASED",
    details: JSON.stringify({ count: call.decisionsReleased }),
    createdAt: new Date(call.decisionsReleasedAt),
  });
}
