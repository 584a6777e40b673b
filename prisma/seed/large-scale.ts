// What changes when the seed is large (SEED_APPLICATIONS=20000, the benchmark's):
// generated reviewers join the six demo ones, and once every application is
// planned, reviewers' loads and cohorts' quotas grow to fit what was assigned and
// offered. The rows themselves are written in bulk (write.ts).
import { SECTORS } from "~/domain/constants.ts";
import type { ReviewerDefinition } from "./accounts.ts";
import { OPEN_SITES } from "./calls.ts";
import type { SeedRandom } from "./random.ts";
import { DEMO_REVIEWER_MAX_LOAD, LOCALE_WEIGHTS, sum, type PlannedCall, type Planner, type SectorSeats } from "./shared.ts";

/** Above this many applications the six demo reviewers are joined by generated ones. */
const LARGE_SEED_THRESHOLD = 1000;
const LARGE_SEED_REVIEWERS = 60;

export function reviewerCount(applications: number, demoReviewers: number): number {
  return applications > LARGE_SEED_THRESHOLD ? LARGE_SEED_REVIEWERS : demoReviewers;
}

export function generatedReviewer(random: SeedRandom): ReviewerDefinition {
  const openSiteSlugs = OPEN_SITES.map((site) => site.slug);
  return {
    name: random.moroccanName(),
    locale: random.pickWeightedKey(LOCALE_WEIGHTS),
    sectors: random.sample(SECTORS, random.int(1, 2)),
    siteSlugs: random.sample(openSiteSlugs, random.int(1, 3)),
    bias: Math.round(random.float(-0.6, 0.6) * 10) / 10,
  };
}

/** Quotas grow to fit the seats taken (large seeds), capacity is their sum; the cohorts and their quotas are then planned. */
export function sizeCohorts(planner: Planner, call: PlannedCall): void {
  for (const cohort of call.cohortsBySite.values()) {
    const seats = Object.fromEntries(
      SECTORS.map((sector) => [sector, Math.max(cohort.baseSeats[sector], cohort.seatsTaken[sector])]),
    ) as SectorSeats;
    cohort.row.capacity = sum(Object.values(seats));
    planner.rows.cohorts.push(cohort.row);
    for (const sector of SECTORS) planner.rows.cohortQuotas.push({ cohortId: cohort.row.id!, sector, seats: seats[sector] });
  }
}

/** Large seeds give each reviewer more assignments than the demo's max load: raise it to fit. */
export function sizeReviewerLoads(planner: Planner, openCall: PlannedCall): void {
  const busiest = Math.max(0, ...openCall.reviewerLoads.values());
  const maxLoad = Math.max(DEMO_REVIEWER_MAX_LOAD, Math.ceil(busiest / 5) * 5);
  for (const reviewer of planner.reviewers) reviewer.profile.maxLoad = maxLoad;
}
