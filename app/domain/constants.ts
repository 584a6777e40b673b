// The product's fixed vocabularies. The database stores them as Prisma enums
// (prisma/schema.prisma); these lists hold the same values, in the same order,
// so the domain stays free of the Prisma client (tests/unit/enums.test.ts).

export const ROLES = ["FOUNDER", "REVIEWER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/** Admins and reviewers: the people who use the staff tools. */
export function isStaff(roles: readonly string[] | undefined | null): boolean {
  return Boolean(roles?.some((role) => role === "ADMIN" || role === "REVIEWER"));
}

export const SECTORS = ["NEW_TECH", "GREEN_TECH", "CULTURAL_INDUSTRIES"] as const;
export type Sector = (typeof SECTORS)[number];

export const SITE_STATUSES = ["OPEN", "OPENING_SOON"] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

export const CALL_STATUSES = ["DRAFT", "OPEN", "CLOSED", "ARCHIVED"] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const PROJECT_STAGES = ["IDEA", "PROTOTYPE", "MVP", "REVENUE"] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export const APPLICATION_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "SCREENING",
  "REVIEW",
  "INTERVIEW",
  "COMMITTEE",
  "ACCEPTED",
  "WAITLISTED",
  "REJECTED",
  "ENROLLED",
  "DECLINED",
  "WITHDRAWN",
  // Follow-up after enrollment (issue 17).
  "INCUBATING",
  "GRADUATED",
  "LEFT_EARLY",
  "CEASED",
] as const;
export type FollowUpStatus = "INCUBATING" | "GRADUATED" | "LEFT_EARLY" | "CEASED";
/** The statuses of a project the network follows after enrollment (check-ins are due from it). */
export const FOLLOW_UP_STATUSES = ["INCUBATING", "GRADUATED", "LEFT_EARLY", "CEASED"] as const satisfies readonly ApplicationStatus[];
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const ASSIGNMENT_STATUSES = ["PENDING", "SUBMITTED", "CONFLICT"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** The review stages an assignment belongs to: the written review, then the interview. */
export const REVIEW_STAGES = ["REVIEW", "INTERVIEW"] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

export const RECOMMENDATIONS = ["STRONG_YES", "YES", "MAYBE", "NO"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const OFFER_STATUSES = ["PENDING", "ACCEPTED", "DECLINED", "EXPIRED", "REVOKED"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/**
 * The review scale: every criterion is scored with a whole number from min to
 * max, each value with its meaning (the rubric's anchors). The one home of "1–5":
 * the review schema, the rubric's anchors, the scoring and the reviewer's form read it.
 */
export const SCORE_SCALE = { min: 1, max: 5 } as const;
/** The scores a reviewer can give, lowest first: one radio button and one anchor each. */
export const SCORE_VALUES: readonly number[] = Array.from({ length: SCORE_SCALE.max - SCORE_SCALE.min + 1 }, (_, i) => SCORE_SCALE.min + i);

/** Optional documents an application may carry besides its pitch deck (shown in the wizard, enforced on upload). */
export const MAX_OTHER_ATTACHMENTS = 3;

export const OUTBOX_STATUSES = ["PENDING", "SENDING", "SENT", "FAILED", "DEAD"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const TOKEN_KINDS = ["INVITATION", "PASSWORD_RESET", "EMAIL_VERIFICATION"] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** A team invitation's answer (issue 16); a pending one past its date shows as expired (app/domain/team.ts). */
export const INVITATION_STATUSES = ["PENDING", "ACCEPTED", "DECLINED", "REVOKED"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const LOCALES = ["fr", "en", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";
export const RTL_LOCALES: readonly Locale[] = ["ar"];

/** The network's time zone: deadlines are enforced and shown in it. */
export const NETWORK_TIME_ZONE = "Africa/Casablanca";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A stored language, or French when it is not one the product speaks. */
export function toLocale(value: unknown): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** A preview of the emails a bulk action sends lists at most this many recipients; its count is always the whole (issue 18). */
export const EMAIL_RECIPIENTS_LISTED = 500;
