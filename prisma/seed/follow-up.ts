// What became of the projects earlier cohorts enrolled (issue 17): each one's road after enrollment —
// in incubation from its cohort's start, graduated at 18 months, left early or ceased — and its check-ins
// at 6, 12, 18 months and then yearly, answered (a few missed) with jobs that grow, some exports and some
// funding. Only the random parameters below are written here; the dashboard's figures come out of them.
import { addMonths, DEFAULT_CHECK_IN_MONTHS } from "~/domain/outcomes.ts";
import type { CheckInAnswers } from "~/schemas/check-in.ts";
import { transitionEvents, type LifecycleStep } from "./history.ts";
import { newId } from "./random.ts";
import { DAY, HOUR, type PlannedCall, type Planner } from "./shared.ts";

/** Monthly chance that a project in activity ceases it. */
const MONTHLY_CEASING = 0.002;
/** Share of projects that leave the incubator before 18 months (most keep operating). */
const LEAVING_EARLY = 0.09;
/** Share of projects that come to export part of their sales, and when they start (months after the start). */
const EXPORTING = 0.32;
const EXPORT_START_MONTHS = [6, 36] as const;
/** Share of due check-ins nobody answered. */
const MISSED_CHECK_INS = 0.06;
/** Full-time jobs at the start (founders included), and the yearly growth of a project's jobs. */
const STARTING_JOBS = [1, 4] as const;
const YEARLY_JOB_GROWTH = [0.05, 0.6] as const;
/** Chance that a project raised funding since its last check-in. */
const FUNDED = 0.3;

const REVENUE_BY_JOBS: Array<[number, CheckInAnswers["revenueBand"]]> = [
  [2, "NONE"],
  [4, "UNDER_100K"],
  [7, "100K_500K"],
  [12, "500K_1M"],
  [25, "1M_5M"],
  [Infinity, "OVER_5M"],
];
const CEASING_REASONS = [
  "Pas assez de clients pour couvrir les charges.",
  "Les associés ont rejoint d'autres projets.",
  "Le financement de la deuxième phase n'a pas abouti.",
];

/**
 * The follow-up of every project the call enrolled, as of the seed's `now`. With `latestPending` (the most
 * recent cohorts), each operating project's latest due check-in is still waiting: for half of them the
 * team has not been emailed yet (the scheduled job does it when the app starts), for the others the
 * email went out 8 days ago and the first reminder is due.
 */
export function planFollowUp(planner: Planner, call: PlannedCall, options: { latestPending?: boolean } = {}): void {
  let pending = 0;
  const { random, rows, now } = planner;
  const cohortStart = new Map(rows.cohorts.map((cohort) => [cohort.id!, new Date(cohort.startsAt).getTime()]));
  for (const application of rows.applications) {
    if (application.callId !== call.id || application.status !== "ENROLLED") continue;
    const startsAt = cohortStart.get(application.enrolledCohortId!)!;
    if (startsAt > now) continue;
    const start = new Date(startsAt);
    const monthsFollowed = (now - startsAt) / (30.4375 * DAY);
    // When it would cease (months after the start), geometric in whole months.
    const ceasesAfter = Math.ceil(Math.log(1 - random.float(0, 0.999999)) / Math.log(1 - MONTHLY_CEASING));
    const leavesAfter = random.chance(LEAVING_EARLY) ? random.int(3, 15) : null;
    const steps: LifecycleStep[] = [{ name: "startIncubation", at: new Date(startsAt + HOUR), by: "system" }];
    if (leavesAfter !== null && leavesAfter < Math.min(ceasesAfter, monthsFollowed))
      steps.push({ name: "leaveEarly", at: addMonths(start, leavesAfter), by: "admin", reason: "Départ vers un autre programme." });
    else if (ceasesAfter > 18 && monthsFollowed >= 18) steps.push({ name: "graduate", at: addMonths(start, 18), by: "admin" });
    const ceased = ceasesAfter <= monthsFollowed;
    const ceasedAt = addMonths(start, ceasesAfter);
    const reason = random.pick(CEASING_REASONS);
    if (ceased) steps.push({ name: "cease", at: new Date(ceasedAt.getTime() + 20 * DAY), by: "admin", reason });

    const history = transitionEvents(
      { id: application.id!, founderId: application.founderId, adminId: planner.adminId },
      steps,
      "ENROLLED",
    );
    rows.auditEvents.push(...history.events);
    const status = history.status;
    application.status = status;
    application.version = (application.version ?? 1) + steps.length;
    application.incubationStartedAt = steps[0].at;
    application.graduatedAt = steps.find((step) => step.name === "graduate")?.at ?? null;
    application.ceasedAt = steps.find((step) => step.name === "cease")?.at ?? null;
    application.updatedAt = steps[steps.length - 1].at;

    // Its check-ins: each due one answered (or missed), the first after it ceased saying so, none after.
    let jobs = random.int(...STARTING_JOBS);
    const exportsFrom = random.chance(EXPORTING) ? random.int(...EXPORT_START_MONTHS) : Infinity;
    const dueMonths = DEFAULT_CHECK_IN_MONTHS.filter((months) => addMonths(start, months).getTime() <= now);
    for (const months of dueMonths) {
      const dueAt = addMonths(start, months);
      const operating = months < ceasesAfter;
      const waiting = options.latestPending === true && operating && months === dueMonths[dueMonths.length - 1];
      const missed = waiting || (operating && random.chance(MISSED_CHECK_INS));
      const openedAt = !waiting ? dueAt : pending++ % 2 === 0 ? null : new Date(now - 8 * DAY);
      const submittedAt = new Date(dueAt.getTime() + random.int(1, 12) * DAY);
      if (!missed) jobs = Math.max(1, Math.round(jobs * (1 + random.float(...YEARLY_JOB_GROWTH) * (months <= 18 ? 0.5 : 1))));
      const funding = operating && random.chance(FUNDED) ? random.int(2, 60) * 10_000 : 0;
      const exportShare = operating && months >= exportsFrom ? random.int(5, 60) : 0;
      const answers: CheckInAnswers = {
        operating,
        ceasedOn: operating ? null : ceasedAt.toISOString().slice(0, 10),
        ceasedReason: operating ? null : reason,
        legalForm: months >= 12 ? "SARL" : "NONE",
        registeredOn: months >= 12 ? addMonths(start, 9).toISOString().slice(0, 10) : null,
        fullTimeJobs: operating ? jobs : 0,
        partTimeJobs: operating ? random.int(0, Math.ceil(jobs / 2)) : 0,
        revenueBand: operating ? REVENUE_BY_JOBS.find(([most]) => jobs <= most)![1] : "NONE",
        exportShare,
        fundingAmount: funding,
        fundingTypes: funding > 0 ? [random.pick(["GRANT", "LOAN", "EQUITY", "PRIZE"] as const)] : [],
        customers: operating ? jobs * random.int(3, 40) : null,
        support: {
          NETWORKING: random.int(2, 5),
          FUNDING_ACCESS: random.int(1, 5),
          SKILLS: random.int(3, 5),
          MARKET_ACCESS: random.int(1, 5),
        },
        comments: "",
      };
      rows.checkIns.push({
        id: newId(),
        applicationId: application.id!,
        monthsAfter: months,
        dueAt,
        openedAt,
        remindersSent: missed && !waiting ? 2 : 0,
        draft: "{}",
        answers: missed ? null : JSON.stringify(answers),
        submittedAt: missed ? null : submittedAt,
        submittedById: missed ? null : application.founderId,
        onBehalf: false,
        operating: missed ? null : operating,
        ceasedOn: missed || operating ? null : new Date(`${answers.ceasedOn}T00:00:00Z`),
        fullTimeJobs: missed ? null : answers.fullTimeJobs,
        partTimeJobs: missed ? null : answers.partTimeJobs,
        exportShare: missed ? null : exportShare,
        fundingAmount: missed ? null : funding,
        createdAt: start,
      });
      if (!operating) break;
    }
  }
}
