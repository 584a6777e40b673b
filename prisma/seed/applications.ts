// Applications: which status each one is in, what its founder wrote (the wizard
// steps they reached, the team, the pitch deck), and what happened to it since,
// from its reviews to its offer, each step recorded as the app records it.
import { APPLICATION_STATUSES, type ApplicationStatus } from "~/domain/constants.ts";
import { mean, populationStdDev } from "~/domain/scoring.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { FOUNDER_SHOWCASE } from "./accounts.ts";
import { OPEN_SITES } from "./calls.ts";
import { COMMITTEE_DECISION, DECIDED_STATUSES, DECISION_REASONS, INELIGIBILITY_REASONS, OFFERED_STATUSES, planOffer } from "./decisions.ts";
import {
  attachmentAddedEvent,
  decisionReleasedEvent,
  seededVersion,
  startedEvent,
  transitionEvents,
  type LifecycleStep,
} from "./history.ts";
import { inventProject } from "./projects.ts";
import { planAnswers } from "./questions.ts";
import { newId, type SeedRandom } from "./random.ts";
import { nextInProgressReviewCount, planReviews, QUALITY_BY_STATUS } from "./reviews.ts";
import { DAY, HOUR, MINUTE, sum, type PlannedCall, type PlannedFounder, type Planner } from "./shared.ts";
import { projectNameKey } from "~/domain/duplicates.ts";

/** How the open call's applications beyond the guaranteed two per status are spread. */
const OPEN_CALL_STATUS_WEIGHTS: Record<ApplicationStatus, number> = {
  DRAFT: 14,
  SUBMITTED: 12,
  SCREENING: 8,
  REVIEW: 14,
  INTERVIEW: 6,
  COMMITTEE: 6,
  ACCEPTED: 5,
  WAITLISTED: 6,
  REJECTED: 17,
  ENROLLED: 4,
  DECLINED: 2,
  WITHDRAWN: 6,
  // An open call's projects are not enrolled yet: follow-up starts with an earlier cohort (issue 17).
  INCUBATING: 0,
  GRADUATED: 0,
  LEFT_EARLY: 0,
  CEASED: 0,
};

/** Last year's call is over: only final states remain. */
export const CLOSED_CALL_STATUS_WEIGHTS: Partial<Record<ApplicationStatus, number>> = {
  ENROLLED: 30,
  REJECTED: 42,
  WAITLISTED: 8,
  DECLINED: 8,
  WITHDRAWN: 12,
};

const TEAM_SIZE_WEIGHTS = [
  [1, 30],
  [2, 45],
  [3, 25],
] as const;
const CO_FOUNDER_ROLES = [
  "Directeur·rice technique (CTO)",
  "Responsable produit",
  "Responsable commercial·e",
  "Designer UX",
  "Responsable des opérations",
  "Data scientist",
  "Responsable financier·ère",
  "Responsable partenariats",
];

/** Founders 1–12 follow FOUNDER_SHOWCASE; every status then appears once more, the rest by weight. */
export function planOpenCallStatuses(random: SeedRandom, total: number): ApplicationStatus[] {
  const showcase = FOUNDER_SHOWCASE.map((entry) => entry.status).slice(0, total);
  // Every status of the selection once; follow-up starts with earlier cohorts (follow-up.ts).
  const selection = APPLICATION_STATUSES.filter((status) => OPEN_CALL_STATUS_WEIGHTS[status] > 0);
  return [...showcase, ...planStatuses(random, total - showcase.length, selection, OPEN_CALL_STATUS_WEIGHTS)];
}

/** `total` statuses in random order: each of `guaranteed` once (as far as total allows), the rest apportioned by weight. */
export function planStatuses(
  random: SeedRandom,
  total: number,
  guaranteed: readonly ApplicationStatus[],
  weights: Partial<Record<ApplicationStatus, number>>,
): ApplicationStatus[] {
  const statuses = guaranteed.slice(0, total);
  statuses.push(...apportion(total - statuses.length, weights));
  return random.shuffle(statuses);
}

/** Splits `total` into whole counts proportional to `weights` (largest remainder method). */
function apportion<K extends string>(total: number, weights: Partial<Record<K, number>>): K[] {
  const entries = Object.entries(weights) as [K, number][];
  const weightSum = sum(entries.map(([, weight]) => weight));
  const shares = entries.map(([key, weight]) => ({ key, exact: (total * weight) / weightSum }));
  const counts = new Map(shares.map(({ key, exact }) => [key, Math.floor(exact)]));
  let left = total - sum([...counts.values()]);
  for (const { key } of [...shares].sort((a, b) => (b.exact % 1) - (a.exact % 1))) {
    if (left-- <= 0) break;
    counts.set(key, counts.get(key)! + 1);
  }
  return [...counts].flatMap(([key, count]) => Array<K>(count).fill(key));
}

/** "Fatima Zahra El Fassi" → "fatima.zahra.el.fassi" */
function emailLocalPart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

/** Wizard steps in order (then review and submit); "started" = the first project fields only. */
const WIZARD_PROGRESS = ["started", "project", "team", "site", "documents"] as const;
const REVIEWED_STATUSES: readonly ApplicationStatus[] = [
  "REVIEW",
  "INTERVIEW",
  "COMMITTEE",
  "ACCEPTED",
  "WAITLISTED",
  "REJECTED",
  "ENROLLED",
  "DECLINED",
];

export function planApplication(planner: Planner, call: PlannedCall, founder: PlannedFounder, status: ApplicationStatus): void {
  const { random, rows } = planner;
  const preferredSite = random.pickWeighted(OPEN_SITES.map((site) => [site.slug, site.demand] as const));
  const alternateSite = random.chance(0.4) ? random.pick(OPEN_SITES.filter((site) => site.slug !== preferredSite)).slug : null;
  const project = inventProject(random, planner.sitesBySlug.get(preferredSite)!);
  // How far the founder got in the wizard; drafts stopped somewhere along it.
  const progress = status === "DRAFT" ? random.pick(WIZARD_PROGRESS) : "documents";
  const reached = (step: (typeof WIZARD_PROGRESS)[number]) => WIZARD_PROGRESS.indexOf(progress) >= WIZARD_PROGRESS.indexOf(step);
  // A third of the rejections happen at screening (not eligible), before any review.
  const screenedOut = status === "REJECTED" && random.chance(1 / 3);
  const reviewed = REVIEWED_STATUSES.includes(status) && !screenedOut;

  // Applications that went down the pipeline were written and submitted early in the call.
  const submissionEnd = reviewed || screenedOut ? call.opensAt + 0.4 * (call.submissionsEndAt - call.opensAt) : call.submissionsEndAt;
  const createdAt = random.between(call.opensAt, submissionEnd - 6 * HOUR);
  const submittedAt =
    status === "DRAFT" ? null : random.between(createdAt.getTime() + HOUR, Math.min(createdAt.getTime() + 5 * DAY, submissionEnd));
  const lastDraftSave = status === "DRAFT" ? random.between(createdAt.getTime(), call.submissionsEndAt) : createdAt;

  const application: Prisma.ApplicationCreateManyInput & { id: string } = {
    id: newId(),
    founderId: founder.id,
    callId: call.id,
    projectName: project.name,
    projectNameKey: projectNameKey(project.name),
    tagline: project.tagline,
    problem: reached("project") ? project.problem : "",
    solution: reached("project") ? project.solution : "",
    market: reached("project") ? project.market : "",
    traction: reached("project") ? project.traction : "",
    stage: reached("project") ? project.stage : null,
    sector: reached("site") ? project.sector : null,
    preferredSiteId: reached("site") ? planner.sitesBySlug.get(preferredSite)!.id : null,
    alternateSiteId: reached("site") && alternateSite ? planner.sitesBySlug.get(alternateSite)!.id : null,
    status,
    reviewCount: 0,
    submittedAt,
    createdAt,
  };
  const subject = { id: application.id, founderId: founder.id, adminId: planner.adminId };
  rows.auditEvents.push(startedEvent(subject, createdAt));
  // Everything that happened to the application (with its lifecycle steps); the last one is its updatedAt.
  const events: Date[] = [createdAt, lastDraftSave, ...(submittedAt ? [submittedAt] : [])];
  const steps: LifecycleStep[] = submittedAt ? [{ name: "submit", at: submittedAt, by: "founder" }] : [];
  // Screening starts soon after the submission (reviewed ones were assigned six hours after it at the earliest).
  if (reviewed || screenedOut || status === "SCREENING")
    steps.push({ name: "startScreening", at: new Date(submittedAt!.getTime() + 30 * MINUTE), by: "admin" });
  if (reviewed) steps.push({ name: "markEligible", at: new Date(submittedAt!.getTime() + HOUR), by: "admin" });

  const teamSize = reached("team") ? random.pickWeighted(TEAM_SIZE_WEIGHTS) : 1;
  planTeam(planner, application.id, founder, teamSize, reached("team"));
  planAnswers(planner, call, application.id, lastDraftSave, teamSize, reached("documents"));
  if (reached("documents")) {
    const { sha256, size, mimeType, storageKey } = planner.pitchDeck;
    const uploadedAt = random.between(createdAt.getTime(), (submittedAt ?? lastDraftSave).getTime());
    const attachment = {
      id: newId(),
      applicationId: application.id,
      kind: "PITCH_DECK",
      fileName: `${project.name} — pitch deck.pdf`,
      mimeType,
      size,
      sha256,
      storageKey,
      createdAt: uploadedAt,
    };
    rows.attachments.push(attachment);
    rows.auditEvents.push(attachmentAddedEvent(subject, attachment, uploadedAt));
  }

  if (reviewed) {
    // Applications past REVIEW had all their reviews in before the committee; REVIEW ones are still collecting them.
    const reviews = planReviews(planner, call, {
      applicationId: application.id,
      sector: project.sector,
      quality: random.float(...QUALITY_BY_STATUS[status]!),
      submittedAt: submittedAt!.getTime(),
      dueBy: status === "REVIEW" ? call.activityEndsAt : call.decisionsReleasedAt - 2 * DAY,
      submittedCount: status === "REVIEW" ? nextInProgressReviewCount(call) : call.reviewersPerApplication,
    });
    application.reviewCount = reviews.length;
    if (reviews.length > 0) {
      const scores = reviews.map((review) => review.score);
      application.rawScore = mean(scores);
      application.disagreement = populationStdDev(scores);
    }
    events.push(...reviews.map((review) => review.submittedAt));
    if (status !== "REVIEW") {
      // Every review in (the guard of both moves), the admin shortlisted it, then sent it to the committee.
      const reviewsInAt = Math.max(...reviews.map((review) => review.submittedAt.getTime()));
      if (call.hasInterview) steps.push({ name: "shortlist", at: new Date(reviewsInAt + HOUR), by: "admin" });
      if (status !== "INTERVIEW") steps.push({ name: "sendToCommittee", at: new Date(reviewsInAt + 2 * HOUR), by: "admin" });
    }
  }

  if (screenedOut) {
    const reason = random.pick(INELIGIBILITY_REASONS);
    const decisionReleasedAt = random.between(submittedAt!.getTime() + DAY, submissionEnd + 2 * DAY);
    // Told at once, with its reason (kept in the audit event, as applyTransition keeps it).
    steps.push({ name: "markIneligible", at: decisionReleasedAt, by: "admin", reason });
    application.decisionReleasedAt = decisionReleasedAt;
    events.push(decisionReleasedAt);
  } else if (DECIDED_STATUSES.includes(status)) {
    // The committee met the day before the release; the founder learnt its decision at the release.
    const decision = OFFERED_STATUSES.includes(status) ? "ACCEPTED" : (status as keyof typeof COMMITTEE_DECISION);
    const reason = random.pick(DECISION_REASONS[decision]!);
    steps.push({ name: COMMITTEE_DECISION[decision], at: new Date(call.decisionsReleasedAt - DAY), by: "admin", reason });
    application.decisionReleasedAt = new Date(call.decisionsReleasedAt);
    rows.auditEvents.push(decisionReleasedEvent(subject, decision, application.decisionReleasedAt));
    call.decisionsReleased += 1;
    events.push(application.decisionReleasedAt);
  }

  if (OFFERED_STATUSES.includes(status)) {
    // Most seats are at the preferred site; some applicants were placed at their alternate.
    const seatSite = alternateSite && random.chance(0.2) ? alternateSite : preferredSite;
    const offer = planOffer(planner, call, application.id, call.cohortsBySite.get(seatSite)!, project.sector, status);
    // The allocation staged the seat in this cohort; the release offered it.
    application.allocatedCohortId = offer.cohortId;
    if (status === "ENROLLED") application.enrolledCohortId = offer.cohortId;
    if (offer.answer) steps.push(offer.answer);
    events.push(offer.lastEventAt);
  }

  if (status === "WITHDRAWN") {
    application.withdrawnAt = random.between(submittedAt!.getTime() + HOUR, call.activityEndsAt);
    steps.push({ name: "withdraw", at: application.withdrawnAt, by: "founder" });
    events.push(application.withdrawnAt);
  }

  const history = transitionEvents(subject, steps);
  if (history.status !== status) throw new Error(`seed: the history of a ${status} application ends in ${history.status}`);
  rows.auditEvents.push(...history.events);
  // Drafts saved once per wizard step reached (up to the site step), the deck uploaded once.
  const stepsSaved = Math.min(WIZARD_PROGRESS.indexOf(progress), WIZARD_PROGRESS.indexOf("site")) + 1;
  application.version = seededVersion({ stepsSaved, uploads: reached("documents") ? 1 : 0, transitions: steps.length });
  const updatedAt = new Date(Math.max(...[...events, ...steps.map((step) => step.at)].map((date) => date.getTime())));
  rows.applications.push({ ...application, updatedAt });
}

/** The founder first (their role is filled in at the team step), then co-founders with distinct roles. */
function planTeam(planner: Planner, applicationId: string, founder: PlannedFounder, size: number, teamStepSaved: boolean): void {
  const { random, rows } = planner;
  const founderRole = teamStepSaved ? "Porteur·se du projet (CEO)" : "";
  rows.teamMembers.push({ id: newId(), applicationId, name: founder.name, email: founder.email, role: founderRole, position: 0 });
  random.sample(CO_FOUNDER_ROLES, size - 1).forEach((role, index) => {
    const name = random.teammateName();
    rows.teamMembers.push({ id: newId(), applicationId, name, email: `${emailLocalPart(name)}@example.com`, role, position: index + 1 });
  });
}
