// What every seed module shares: the rows being planned, the planner's state,
// time constants and small arithmetic helpers.
import type { ApplicationStatus, Locale, Sector } from "~/domain/constants.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { StoredFile } from "~/storage/files.server.ts";
import type { SeedRandom } from "./random.ts";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Each reviewer's cap on assignments, unless a large seed needs more (see large-scale.ts). */
export const DEMO_REVIEWER_MAX_LOAD = 15;
export const LOCALE_WEIGHTS: Record<Locale, number> = { fr: 76, en: 12, ar: 12 };

export type Localized<T> = Record<Locale, T>;
export type SectorSeats = Record<Sector, number>;

/** Every row the seed writes, by table, in the order they are planned. */
export interface SeedRows {
  sites: Prisma.SiteCreateManyInput[];
  users: Prisma.UserCreateManyInput[];
  userRoles: Prisma.UserRoleCreateManyInput[];
  /** Created one by one with their sites of expertise (an implicit many-to-many relation). */
  reviewerProfiles: (Prisma.ReviewerProfileCreateManyInput & { siteIds: string[] })[];
  calls: Prisma.CallCreateManyInput[];
  criteria: Prisma.CriterionCreateManyInput[];
  cohorts: Prisma.CohortCreateManyInput[];
  cohortQuotas: Prisma.CohortQuotaCreateManyInput[];
  applications: Prisma.ApplicationCreateManyInput[];
  teamMembers: Prisma.TeamMemberCreateManyInput[];
  teamMemberships: Prisma.TeamMembershipCreateManyInput[];
  teamInvitations: Prisma.TeamInvitationCreateManyInput[];
  attachments: Prisma.AttachmentCreateManyInput[];
  reviewAssignments: Prisma.ReviewAssignmentCreateManyInput[];
  reviews: Prisma.ReviewCreateManyInput[];
  reviewScores: Prisma.ReviewScoreCreateManyInput[];
  offers: Prisma.OfferCreateManyInput[];
  auditEvents: Prisma.AuditEventCreateManyInput[];
  callQuestions: Prisma.CallQuestionCreateManyInput[];
  eligibilityRules: Prisma.EligibilityRuleCreateManyInput[];
  applicationAnswers: Prisma.ApplicationAnswerCreateManyInput[];
  answerChoices: Prisma.AnswerChoiceCreateManyInput[];
  checkIns: Prisma.CheckInCreateManyInput[];
}

export function emptyRows(): SeedRows {
  return {
    sites: [],
    users: [],
    userRoles: [],
    reviewerProfiles: [],
    calls: [],
    criteria: [],
    cohorts: [],
    cohortQuotas: [],
    applications: [],
    teamMembers: [],
    teamMemberships: [],
    teamInvitations: [],
    attachments: [],
    reviewAssignments: [],
    reviews: [],
    reviewScores: [],
    offers: [],
    auditEvents: [],
    callQuestions: [],
    eligibilityRules: [],
    applicationAnswers: [],
    answerChoices: [],
    checkIns: [],
  };
}

export interface SiteDefinition {
  slug: string;
  name: string;
  nameAr: string;
  /** Where the site is, for the generated project texts (the column is read by nothing, so not written). */
  region: string;
  status: "OPEN" | "OPENING_SOON";
  /** Towns a project near this site is about, for the generated texts. */
  towns: readonly string[];
  /** Relative share of applicants who prefer this site (open sites only). */
  demand: number;
}

export interface PlannedSite extends SiteDefinition {
  id: string;
}

export interface PlannedCohort {
  row: Prisma.CohortCreateManyInput;
  baseSeats: SectorSeats;
  /** Seats held by accepted (offer pending) and enrolled applicants, by sector. */
  seatsTaken: SectorSeats;
}

export interface PlannedCall {
  id: string;
  hasInterview: boolean;
  opensAt: number;
  /** Applications were created and submitted before this instant. */
  submissionsEndAt: number;
  /** Nothing on this call (review, withdrawal, answer to an offer) happens after this instant. */
  activityEndsAt: number;
  /** The committee's decisions were released in one batch at this instant. */
  decisionsReleasedAt: number;
  offerResponseDays: number;
  reviewersPerApplication: number;
  criteria: { id: string; weight: number }[];
  cohortsBySite: Map<string, PlannedCohort>;
  /** Assignments per reviewer id on this call. */
  reviewerLoads: Map<string, number>;
  /** How many REVIEW-status applications were planned so far (see nextInProgressReviewCount). */
  inProgressReviewCounter: number;
  /** Committee decisions released in the batch (the call's DECISIONS_RELEASED event counts them). */
  decisionsReleased: number;
  /** The call's own questions by key (questions.ts), for a call that asks some. */
  questionIds?: Map<string, string>;
}

export interface PlannedReviewer {
  id: string;
  sectors: readonly Sector[];
  bias: number;
  profile: SeedRows["reviewerProfiles"][number];
}

export interface PlannedFounder {
  user: Prisma.UserCreateManyInput;
  id: string;
  name: string;
  email: string;
}

export interface Planner {
  random: SeedRandom;
  now: number;
  rows: SeedRows;
  /** The demo admin: the actor of every admin step in the seeded histories. */
  adminId: string;
  reviewers: PlannedReviewer[];
  sitesBySlug: Map<string, PlannedSite>;
  /** The one stored file every seeded pitch deck points at. */
  pitchDeck: StoredFile;
}

export interface SeedPlan extends SeedRows {
  adminCount: number;
  reviewerCount: number;
  founderCount: number;
  openCallStatuses: Record<ApplicationStatus, number>;
}

/** The given UTC time of day on the UTC date of `instant`. */
export function atUtcTime(instant: number, hours: number, minutes: number): number {
  const date = new Date(instant);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hours, minutes);
}

export function zeroSeats(): SectorSeats {
  return { NEW_TECH: 0, GREEN_TECH: 0, CULTURAL_INDUSTRIES: 0 };
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) counts[value] += 1;
  return counts;
}

export function elapsedSince(started: number): string {
  return `${Math.round(performance.now() - started)} ms`;
}
