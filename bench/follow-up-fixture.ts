// The outcomes dashboard's bench fixture (issue 17): 20,000 followed projects with 5 answered check-ins
// each and two submitted reviews scored on every criterion, on five archived calls (2020–2024, a cohort
// per site), written straight into the bench database after the seed. The seed's own follow-up histories
// are a few hundred projects; the budget is for a network that has followed twenty thousand.
import type { PrismaClient } from "~/generated/prisma/client.ts";
import { addMonths } from "~/domain/outcomes.ts";
import { refreshFollowUpSummaries } from "~/models/follow-up-summary.server.ts";

export const FOLLOWED_PROJECTS = 20_000;
const CHECK_IN_MONTHS = [6, 12, 18, 24, 36] as const;
const YEARS = [2020, 2021, 2022, 2023, 2024] as const;
const SECTORS = ["NEW_TECH", "GREEN_TECH", "CULTURAL_INDUSTRIES"] as const;
const BATCH = 2_000;

/** A small deterministic generator (mulberry32): the fixture is the same on every run. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let index = 0; index < rows.length; index += BATCH) await write(rows.slice(index, index + BATCH));
}

/** Whether the fixture is in the database already (a --reuse run). */
export async function hasFollowedProjectsFixture(db: PrismaClient): Promise<boolean> {
  return (await db.call.count({ where: { slug: { startsWith: "bench-follow-up-" } } })) > 0;
}

export async function addFollowedProjects(db: PrismaClient, count = FOLLOWED_PROJECTS): Promise<void> {
  const random = generator(17);
  const sites = await db.site.findMany({ where: { status: "OPEN" }, orderBy: { sortOrder: "asc" }, take: 4, select: { id: true } });
  const perCall = Math.ceil(count / YEARS.length);
  const founders = await db.user.findMany({
    where: { roles: { some: { role: "FOUNDER" } } },
    orderBy: { id: "asc" },
    take: perCall,
    select: { id: true },
  });
  const reviewers = await db.user.findMany({
    where: { roles: { some: { role: "REVIEWER" } } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  if (sites.length === 0 || reviewers.length < 2) throw new Error("the follow-up fixture needs the seed's sites and reviewers");
  // A smaller seed than the bench's: founders of its own for the rest.
  if (founders.length < perCall) {
    const missing = Array.from({ length: perCall - founders.length }, (_, index) => ({
      id: `bffounder${String(index).padStart(6, "0")}`,
      email: `suivi-${index}@banc.tremplin.test`,
      name: `Fondateur suivi ${index}`,
    }));
    await inBatches(missing, (batch) => db.user.createMany({ data: batch }));
    await inBatches(missing, (batch) =>
      db.userRole.createMany({ data: batch.map((user) => ({ userId: user.id, role: "FOUNDER" as const })) }),
    );
    founders.push(...missing.map((user) => ({ id: user.id })));
  }

  let made = 0;
  for (const year of YEARS) {
    const call = await db.call.create({
      data: {
        slug: `bench-follow-up-${year}`,
        title: `Appel ${year} (banc d'essai du suivi)`,
        description: "Projets suivis après leur incubation.",
        opensAt: new Date(Date.UTC(year - 1, 9, 1)),
        closesAt: new Date(Date.UTC(year - 1, 10, 1)),
        status: "ARCHIVED",
        criteria: {
          create: ["team", "market", "innovation", "impact"].map((key, position) => ({
            key,
            label: JSON.stringify({ fr: key, en: key, ar: key }),
            anchors: JSON.stringify({ fr: [], en: [], ar: [] }),
            weight: 0.25,
            position,
          })),
        },
      },
      select: { id: true, criteria: { select: { id: true } } },
    });
    const cohorts = await Promise.all(
      sites.map((site, index) =>
        db.cohort.create({
          data: {
            callId: call.id,
            siteId: site.id,
            name: `Cohorte ${year} ${index + 1}`,
            startsAt: new Date(Date.UTC(year, 0, 15)),
            capacity: perCall,
          },
          select: { id: true, startsAt: true },
        }),
      ),
    );
    const applications = [];
    const assignments = [];
    const reviews = [];
    const scores: Array<{ reviewId: string; criterionId: string; value: number }> = [];
    const checkIns = [];
    const now = Date.now();
    for (let index = 0; index < perCall && made < count; index++, made++) {
      const cohort = cohorts[index % cohorts.length];
      const start = cohort.startsAt;
      const id = `bfa${year}${String(index).padStart(6, "0")}`;
      const quality = random.next();
      const ceasesAfter = random.next() < 0.1 + (1 - quality) * 0.15 ? random.int(4, 70) : Infinity;
      const leftEarly = ceasesAfter === Infinity && random.next() < 0.08;
      const age = (now - start.getTime()) / (30.4375 * 86_400_000);
      const ceased = ceasesAfter < age;
      const graduated = !leftEarly && ceasesAfter > 18 && age >= 18;
      applications.push({
        id,
        founderId: founders[index].id,
        callId: call.id,
        projectName: `Projet suivi ${year}-${index}`,
        sector: SECTORS[index % SECTORS.length],
        preferredSiteId: cohorts.indexOf(cohort) < sites.length ? sites[index % sites.length].id : null,
        status: ceased
          ? ("CEASED" as const)
          : leftEarly
            ? ("LEFT_EARLY" as const)
            : graduated
              ? ("GRADUATED" as const)
              : ("INCUBATING" as const),
        rawScore: 2 + quality * 2.5,
        normalizedScore: 2 + quality * 2.5,
        reviewCount: 2,
        submittedAt: new Date(Date.UTC(year - 1, 10, 1)),
        decisionReleasedAt: new Date(Date.UTC(year - 1, 11, 15)),
        enrolledCohortId: cohort.id,
        incubationStartedAt: start,
        graduatedAt: graduated ? addMonths(start, 18) : null,
        ceasedAt: ceased ? addMonths(start, ceasesAfter) : null,
      });
      // Two reviewers each, spread over all of them: every reviewer sees hundreds of followed projects.
      for (const reviewer of [reviewers[index % reviewers.length], reviewers[(index + 1) % reviewers.length]]) {
        const assignmentId = `${id}r${reviewer.id.slice(-6)}`;
        assignments.push({
          id: assignmentId,
          applicationId: id,
          reviewerId: reviewer.id,
          stage: "REVIEW" as const,
          status: "SUBMITTED" as const,
        });
        const values = call.criteria.map(() => Math.max(1, Math.min(5, Math.round(1 + quality * 4 + (random.next() - 0.5) * 2))));
        reviews.push({
          id: `${assignmentId}v`,
          assignmentId,
          score: values.reduce((sum, value) => sum + value, 0) / values.length,
          submittedAt: new Date(Date.UTC(year - 1, 10, 20)),
        });
        call.criteria.forEach((criterion, position) =>
          scores.push({ reviewId: `${assignmentId}v`, criterionId: criterion.id, value: values[position] }),
        );
      }
      let jobs = random.int(1, 4);
      for (const months of CHECK_IN_MONTHS) {
        const dueAt = addMonths(start, months);
        if (dueAt.getTime() > now) break;
        const operating = months < ceasesAfter;
        jobs = operating ? Math.max(1, Math.round(jobs * (1 + random.next() * 0.4))) : 0;
        const exportShare = operating && quality > 0.6 && months >= 12 ? random.int(5, 60) : 0;
        const funding = operating && random.next() < 0.3 ? random.int(2, 60) * 10_000 : 0;
        checkIns.push({
          applicationId: id,
          monthsAfter: months,
          dueAt,
          openedAt: dueAt,
          answers: JSON.stringify({ operating, fullTimeJobs: jobs, partTimeJobs: 0, exportShare, fundingAmount: funding }),
          submittedAt: new Date(dueAt.getTime() + 3 * 86_400_000),
          submittedById: founders[index].id,
          operating,
          // The day the team says it stopped, within the month before it was asked.
          ceasedOn: operating ? null : new Date(addMonths(start, ceasesAfter).getTime() - ((index * 7) % 28) * 86_400_000),
          fullTimeJobs: jobs,
          partTimeJobs: operating ? random.int(0, 2) : 0,
          exportShare,
          fundingAmount: funding,
        });
        if (!operating) break;
      }
    }
    await inBatches(applications, (batch) => db.application.createMany({ data: batch }));
    await inBatches(assignments, (batch) => db.reviewAssignment.createMany({ data: batch }));
    await inBatches(reviews, (batch) => db.review.createMany({ data: batch }));
    await inBatches(scores, (batch) => db.reviewScore.createMany({ data: batch }));
    await inBatches(checkIns, (batch) => db.checkIn.createMany({ data: batch }));
    await refreshFollowUpSummaries(db, { callId: call.id });
  }
}
