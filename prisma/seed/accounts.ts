// The demo's accounts: the admin, the reviewers (six named ones; generated ones
// join them on a large seed) and the founders, the first twelve of whom walk
// through every status with a known login.
import type { ApplicationStatus, Locale, Role, Sector } from "~/domain/constants.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { generatedReviewer } from "./large-scale.ts";
import { newId } from "./random.ts";
import { DAY, DEMO_REVIEWER_MAX_LOAD, HOUR, LOCALE_WEIGHTS, type PlannedCall, type PlannedFounder, type Planner } from "./shared.ts";

const EMAIL_DOMAIN = "demo.tremplin.ma";
// Reviewers sit on a sibling domain: one shared domain would make every reviewer
// a same-organisation conflict for every founder, and nothing could be assigned.
const REVIEWER_EMAIL_DOMAIN = "jury.tremplin.ma";
export const DEMO_ADMIN = { email: `admin@${EMAIL_DOMAIN}`, name: "Salma Bennani", locale: "fr" } as const;
export const DEMO_FOUNDERS = 40;

export interface ReviewerDefinition {
  name: string;
  locale: Locale;
  sectors: readonly Sector[];
  siteSlugs: readonly string[];
  /** Added to every score this reviewer gives: some reviewers are lenient, some harsh. */
  bias: number;
}

const DEMO_REVIEWERS: readonly ReviewerDefinition[] = [
  { name: "Youssef El Amrani", locale: "fr", sectors: ["NEW_TECH"], siteSlugs: ["casablanca", "rabat"], bias: 0.1 },
  { name: "Khadija Benjelloun", locale: "fr", sectors: ["GREEN_TECH", "NEW_TECH"], siteSlugs: ["agadir", "casablanca"], bias: 0 },
  { name: "Omar Tazi", locale: "ar", sectors: ["CULTURAL_INDUSTRIES", "NEW_TECH"], siteSlugs: ["rabat", "tanger", "fes"], bias: -0.5 },
  { name: "Nadia Chraibi", locale: "en", sectors: ["NEW_TECH", "CULTURAL_INDUSTRIES"], siteSlugs: ["tanger", "casablanca"], bias: 0.5 },
  { name: "Hamza Alaoui", locale: "fr", sectors: ["GREEN_TECH"], siteSlugs: ["agadir", "tiznit"], bias: -0.2 },
  { name: "Imane Berrada", locale: "fr", sectors: ["GREEN_TECH", "CULTURAL_INDUSTRIES"], siteSlugs: ["rabat", "oujda"], bias: 0.2 },
];
export const DEMO_REVIEWER_COUNT = DEMO_REVIEWERS.length;

/**
 * The first founders' open-call applications, in this order, walk through every
 * status so each one can be demonstrated with a known login (founderN).
 */
export const FOUNDER_SHOWCASE: readonly { status: ApplicationStatus; name?: string }[] = [
  { status: "ACCEPTED", name: "Yasmine Ouazzani" },
  { status: "DRAFT", name: "Mehdi Lahlou" },
  { status: "ENROLLED", name: "Ghita Sqalli" },
  { status: "SUBMITTED" },
  { status: "SCREENING" },
  { status: "REVIEW" },
  { status: "INTERVIEW" },
  { status: "COMMITTEE" },
  { status: "WAITLISTED" },
  { status: "REJECTED" },
  { status: "DECLINED" },
  { status: "WITHDRAWN" },
];

export interface DemoAccount {
  role: Role;
  email: string;
  name: string;
}

/**
 * The logins worth showing on a demo server: the admin, the six reviewers, and the
 * named showcase founders — founder1 holds an offer awaiting an answer, founder2 a
 * draft not yet submitted, founder3 a seat in a cohort.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: "ADMIN", email: DEMO_ADMIN.email, name: DEMO_ADMIN.name },
  ...DEMO_REVIEWERS.map((reviewer, index) => ({ role: "REVIEWER" as const, email: reviewerEmail(index), name: reviewer.name })),
  ...FOUNDER_SHOWCASE.flatMap(({ name }, index) => (name ? [{ role: "FOUNDER" as const, email: founderEmail(index), name }] : [])),
];

function reviewerEmail(index: number): string {
  return `reviewer${index + 1}@${REVIEWER_EMAIL_DOMAIN}`;
}

function founderEmail(index: number): string {
  return `founder${index + 1}@${EMAIL_DOMAIN}`;
}

export function addUser(
  planner: Planner,
  user: { email: string; name: string; locale: Locale; roles: Role[]; passwordHash: string; createdAt: Date },
): Prisma.UserCreateManyInput & { id: string } {
  const row = {
    id: newId(),
    email: user.email,
    name: user.name,
    passwordHash: user.passwordHash,
    locale: user.locale,
    // Seeded accounts count as verified, like every account older than the verification step.
    emailVerifiedAt: user.createdAt,
    createdAt: user.createdAt,
    updatedAt: user.createdAt,
  };
  planner.rows.users.push(row);
  for (const role of user.roles) planner.rows.userRoles.push({ userId: row.id, role });
  return row;
}

/** The six demo reviewers, then (large seeds) generated ones, each with a reviewer profile. */
export function planReviewers(planner: Planner, count: number, passwordHash: string, createdAt: Date): void {
  for (let index = 0; index < count; index++) {
    const definition = DEMO_REVIEWERS[index] ?? generatedReviewer(planner.random);
    const user = addUser(planner, {
      email: reviewerEmail(index),
      name: definition.name,
      locale: definition.locale,
      roles: ["REVIEWER"],
      passwordHash,
      createdAt,
    });
    const profile = {
      userId: user.id,
      sectors: definition.sectors.join(","),
      maxLoad: DEMO_REVIEWER_MAX_LOAD,
      siteIds: definition.siteSlugs.map((slug) => planner.sitesBySlug.get(slug)!.id),
    };
    planner.rows.reviewerProfiles.push(profile);
    planner.reviewers.push({ id: user.id, sectors: definition.sectors, bias: definition.bias, profile });
  }
}

export function planFounders(planner: Planner, count: number, passwordHash: string): PlannedFounder[] {
  const { random } = planner;
  const founders: PlannedFounder[] = [];
  for (let index = 0; index < count; index++) {
    const email = founderEmail(index);
    const name = FOUNDER_SHOWCASE[index]?.name ?? random.moroccanName();
    const locale = FOUNDER_SHOWCASE[index]?.name ? "fr" : random.pickWeightedKey(LOCALE_WEIGHTS);
    // Backdated to just before the founder's first application once those are planned.
    const user = addUser(planner, { email, name, locale, roles: ["FOUNDER"], passwordHash, createdAt: new Date(planner.now) });
    founders.push({ user, id: user.id, name, email });
  }
  return founders;
}

/** Accounts were created a little before their owner's first application. */
export function backdateFounderAccounts(planner: Planner, founders: PlannedFounder[], openCall: PlannedCall): void {
  const firstApplicationAt = new Map<string, number>();
  for (const application of planner.rows.applications) {
    const createdAt = (application.createdAt as Date).getTime();
    firstApplicationAt.set(application.founderId, Math.min(createdAt, firstApplicationAt.get(application.founderId) ?? Infinity));
  }
  for (const founder of founders) {
    const firstAt = firstApplicationAt.get(founder.id) ?? openCall.opensAt + DAY;
    founder.user.createdAt = founder.user.updatedAt = new Date(firstAt - planner.random.int(1, 72) * HOUR);
  }
}
