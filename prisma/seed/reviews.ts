// Reviews and scores: each reviewed application gets the call's reviewers per
// application (least loaded first, sector experts preferred), whose scores on
// every criterion follow the application's quality and their own bias.
import type { ApplicationStatus, Recommendation, Sector } from "~/domain/constants.ts";
import { newId } from "./random.ts";
import { clamp, DAY, HOUR, sum, type PlannedCall, type PlannedReviewer, type Planner } from "./shared.ts";

/** Range of an application's underlying quality (1–5) by where it ended up, so scores match outcomes. */
export const QUALITY_BY_STATUS: Partial<Record<ApplicationStatus, [number, number]>> = {
  REVIEW: [2, 4.6],
  INTERVIEW: [3.4, 4.6],
  COMMITTEE: [3, 4.5],
  ACCEPTED: [3.9, 4.8],
  ENROLLED: [3.9, 4.8],
  DECLINED: [3.7, 4.6],
  WAITLISTED: [3.3, 3.9],
  REJECTED: [1.6, 3.2],
};

const COMMENT_BY_RECOMMENDATION: Record<Recommendation, readonly string[]> = {
  STRONG_YES: [
    "Dossier remarquable : équipe solide, traction réelle, à soutenir en priorité.",
    "Très bon projet, innovant et bien positionné sur son marché. Je recommande fortement.",
  ],
  YES: [
    "Projet convaincant ; le modèle économique mérite d'être précisé en entretien.",
    "Bonne équipe et besoin avéré. Quelques doutes sur le calendrier, sans gravité.",
  ],
  MAYBE: [
    "Idée intéressante mais la validation terrain reste mince ; à discuter en comité.",
    "Potentiel réel, équipe encore incomplète sur les aspects commerciaux.",
  ],
  NO: [
    "Le besoin est mal démontré et la solution peu différenciée.",
    "Projet trop en amont pour cette cohorte ; à encourager à candidater à nouveau.",
  ],
};
const FOUNDER_FEEDBACK = [
  "Précisez votre modèle de revenus et le coût d'acquisition d'un client.",
  "Votre pitch gagnerait à chiffrer la taille du marché adressable.",
  "Renforcez l'équipe sur les compétences commerciales.",
  "Appuyez votre dossier sur des retours d'utilisateur·rices pilotes.",
  "Le lien entre le problème décrit et votre solution mérite d'être clarifié.",
];
/** REVIEW-status applications cycle through 1, 2, 0 submitted reviews so the queue shows every mix. */
export function nextInProgressReviewCount(call: PlannedCall): number {
  call.inProgressReviewCounter += 1;
  return call.inProgressReviewCounter % call.reviewersPerApplication;
}

export interface ReviewRound {
  applicationId: string;
  sector: Sector;
  /** The application's underlying quality on 1–5, which every reviewer perceives through their own bias. */
  quality: number;
  submittedAt: number;
  /** Reviews were all in by then. */
  dueBy: number;
  /** How many of the assignments were submitted; the others stay pending. */
  submittedCount: number;
}

/** Assigns the call's reviewers-per-application least-loaded reviewers, preferring sector experts, and writes their reviews. */
export function planReviews(
  planner: Planner,
  call: PlannedCall,
  { applicationId, sector, quality, submittedAt, dueBy, submittedCount }: ReviewRound,
): { score: number; submittedAt: Date }[] {
  const { random, rows } = planner;
  const loadOf = (reviewer: PlannedReviewer) => call.reviewerLoads.get(reviewer.id) ?? 0;
  // An expert counts as three assignments less busy than a non-expert.
  const priority = (reviewer: PlannedReviewer) => loadOf(reviewer) - (reviewer.sectors.includes(sector) ? 3 : 0);
  const chosen = [...planner.reviewers].sort((a, b) => priority(a) - priority(b)).slice(0, call.reviewersPerApplication);

  const submitted: { score: number; submittedAt: Date }[] = [];
  chosen.forEach((reviewer, index) => {
    call.reviewerLoads.set(reviewer.id, loadOf(reviewer) + 1);
    const assignedAt = random.between(submittedAt + 6 * HOUR, submittedAt + 2 * DAY);
    const assignmentId = newId();
    const isSubmitted = index < submittedCount;
    rows.reviewAssignments.push({
      id: assignmentId,
      applicationId,
      reviewerId: reviewer.id,
      stage: "REVIEW",
      status: isSubmitted ? "SUBMITTED" : "PENDING",
      dueAt: new Date(assignedAt.getTime() + 14 * DAY),
      createdAt: assignedAt,
    });
    if (!isSubmitted) return;

    const reviewId = newId();
    const values = call.criteria.map((criterion) => {
      const value = clamp(Math.round(quality + reviewer.bias + random.float(-0.9, 0.9)), 1, 5);
      rows.reviewScores.push({ reviewId, criterionId: criterion.id, value });
      return { value, weight: criterion.weight };
    });
    const score = weightedMean(values);
    const recommendation = recommendationFor(score);
    const reviewedAt = random.between(assignedAt.getTime() + 12 * HOUR, Math.min(assignedAt.getTime() + 12 * DAY, dueBy));
    rows.reviews.push({
      id: reviewId,
      assignmentId,
      privateComment: random.pick(COMMENT_BY_RECOMMENDATION[recommendation]),
      founderFeedback: random.chance(0.5) ? random.pick(FOUNDER_FEEDBACK) : "",
      recommendation,
      score,
      submittedAt: reviewedAt,
      updatedAt: reviewedAt,
    });
    submitted.push({ score, submittedAt: reviewedAt });
  });
  return submitted;
}

function recommendationFor(score: number): Recommendation {
  if (score >= 4.2) return "STRONG_YES";
  if (score >= 3.5) return "YES";
  if (score >= 2.7) return "MAYBE";
  return "NO";
}

function weightedMean(values: readonly { value: number; weight: number }[]): number {
  return sum(values.map(({ value, weight }) => value * weight)) / sum(values.map(({ weight }) => weight));
}
