// The landing page's headline figures (issue 17): the values an admin typed, or those the follow-up computes
// (outcomesDashboard over every followed project), which the scheduled jobs refresh off the request path.
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import { db } from "~/db/client.server.ts";
import type { LandingFigureKey, LandingFiguresInput } from "~/schemas/landing-figures.ts";
import { outcomesDashboard } from "./outcomes.server.ts";

const ROW = "landing";
/** How old computed figures may get before the scheduled jobs compute them again. */
export const LANDING_FIGURES_MAX_AGE_MS = 60 * 60 * 1000;

/** The row's values before any admin saved them (the schema's defaults: the network's published figures). */
const DEFAULTS = {
  mode: "TYPED",
  companies: 3000,
  jobs: 15000,
  success: 86,
  survival: 89,
  exporting: 25,
  computedCompanies: null,
  computedJobs: null,
  computedSuccess: null,
  computedSurvival: null,
  computedExporting: null,
  computedAt: null,
} as const;

/** What the outcomes page's form shows: the mode, the typed values, and the computed ones with their date. */
export async function readLandingFiguresSettings() {
  return (await db.landingFigures.findUnique({ where: { id: ROW } })) ?? DEFAULTS;
}

/** The five figures the landing page shows, as its mode says (typed ones while none was computed yet). */
export function landingFigures(): Promise<Record<LandingFigureKey, number>> {
  return cachedUntilChange("landing:figures", async () => {
    const row = await readLandingFiguresSettings();
    const typed = { companies: row.companies, jobs: row.jobs, success: row.success, survival: row.survival, exporting: row.exporting };
    if (row.mode !== "COMPUTED" || !row.computedAt) return typed;
    return {
      companies: row.computedCompanies ?? typed.companies,
      jobs: row.computedJobs ?? typed.jobs,
      success: row.computedSuccess ?? typed.success,
      survival: row.computedSurvival ?? typed.survival,
      exporting: row.computedExporting ?? typed.exporting,
    };
  });
}

/** An admin saves the typed figures and the mode (audited); switching to computed computes them now. */
export async function saveLandingFigures(input: LandingFiguresInput, actorId: string, now = new Date()): Promise<void> {
  const { mode, ...typed } = input;
  await db.$transaction(async (tx) => {
    await tx.landingFigures.upsert({ where: { id: ROW }, create: { id: ROW, mode, ...typed }, update: { mode, ...typed } });
    await tx.auditEvent.create({
      data: { actorId, subjectType: "LandingFigures", subjectId: ROW, type: "LANDING_FIGURES_SAVED", details: JSON.stringify(input) },
    });
  });
  if (mode === "COMPUTED") await computeLandingFigures(now);
}

/** Computes the figures from every followed project and keeps them on the row. */
export async function computeLandingFigures(now = new Date()): Promise<void> {
  const figures = await outcomesDashboard({}, now);
  const fiveYears = figures.survival.find((entry) => entry.years === 5)?.point ?? null;
  const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? null : Math.round(rate * 100));
  await db.landingFigures.upsert({
    where: { id: ROW },
    create: { id: ROW },
    update: {
      computedCompanies: figures.projects,
      computedJobs: figures.jobs.fullTime + figures.jobs.partTime,
      computedSuccess: percent(figures.success.rate),
      computedSurvival: percent(fiveYears?.survival),
      computedExporting: percent(figures.exporting.share),
      computedAt: now,
    },
  });
}

/** The scheduled jobs' part: computed figures older than an hour are computed again (only in that mode). */
export async function refreshLandingFigures(now = new Date()): Promise<boolean> {
  const row = await db.landingFigures.findUnique({ where: { id: ROW }, select: { mode: true, computedAt: true } });
  if (row?.mode !== "COMPUTED") return false;
  if (row.computedAt && now.getTime() - row.computedAt.getTime() < LANDING_FIGURES_MAX_AGE_MS) return false;
  await computeLandingFigures(now);
  return true;
}
