// The budgets of one measured run, and the floor they are relative to (issue 13):
// a page's throughput at 10 connections as a fraction of the floor's, its server
// CPU per response as a multiple of the floor's, measured in the same run. Pure:
// no I/O, so tests/unit/bench-budgets.test.ts checks it on made-up figures.
import type { Budget } from "./targets.ts";

export type Verdict = "PASS" | "FAIL";
export type Check = { subject: string; budget: string; measured: string; verdict: Verdict };

/** What a budget needs of a measured run (a subset of LoadResult). */
export type RunFigures = {
  connections: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p95: number };
  errors: { total: number };
  serverCpuMsPerRequest: number;
};

export type FloorPhase = "before" | "after";
export type FloorRunFigures = RunFigures & { phase: FloorPhase };

export type FloorReference = {
  connections: number;
  /** Mean of the runs before and after the app's targets (whichever were measured). */
  requestsPerSecond: number;
  cpuMsPerRequest: number;
  /** Each phase's own figures. */
  phases: Array<{ phase: FloorPhase; requestsPerSecond: number; cpuMsPerRequest: number }>;
  /** (largest − smallest) / mean, in %: how much the floor itself moved during the run. */
  spreadPct: { requestsPerSecond: number; cpuMsPerRequest: number };
};

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const spread = (values: number[]) => {
  const m = mean(values);
  return m > 0 ? round(((Math.max(...values) - Math.min(...values)) / m) * 100, 1) : NaN;
};

/** The floor's reference figures per connection setting, from its runs before and after the app's targets. */
export function floorReference(runs: FloorRunFigures[]): FloorReference[] {
  const settings = [...new Set(runs.map((r) => r.connections))].sort((a, b) => a - b);
  return settings.map((connections) => {
    const usable = runs.filter((r) => r.connections === connections && r.requests > 0 && r.errors.total === 0);
    const rps = usable.map((r) => r.requestsPerSecond);
    const cpu = usable.map((r) => r.serverCpuMsPerRequest).filter(Number.isFinite);
    return {
      connections,
      requestsPerSecond: usable.length ? round(mean(rps), 1) : NaN,
      cpuMsPerRequest: cpu.length ? round(mean(cpu), 3) : NaN,
      phases: usable.map((r) => ({ phase: r.phase, requestsPerSecond: r.requestsPerSecond, cpuMsPerRequest: r.serverCpuMsPerRequest })),
      spreadPct: { requestsPerSecond: usable.length ? spread(rps) : NaN, cpuMsPerRequest: cpu.length ? spread(cpu) : NaN },
    };
  });
}

export type Relative = {
  /** The run's req/s over the floor's at the same connections (2 decimals); null without a floor figure. */
  throughputFraction: number | null;
  /** The run's server CPU per response over the floor's at the same connections (2 decimals). */
  cpuMultiple: number | null;
};

export function relativeToFloor(run: RunFigures, floor: readonly FloorReference[]): Relative {
  const reference = floor.find((f) => f.connections === run.connections);
  const ratio = (value: number, base: number | undefined) =>
    base !== undefined && Number.isFinite(value) && Number.isFinite(base) && base > 0 ? round(value / base) : null;
  return {
    throughputFraction: ratio(run.requestsPerSecond, reference?.requestsPerSecond),
    cpuMultiple: ratio(run.serverCpuMsPerRequest, reference?.cpuMsPerRequest),
  };
}

const verdict = (pass: boolean): Verdict => (pass ? "PASS" : "FAIL");

/**
 * The budgets that apply to one measured run; every run must be free of errors.
 * Floor budgets are judged on the figures as shown (2 decimals); without a floor
 * figure for the run's connection setting they fail.
 */
export function checkRun(subjectLabel: string, budgets: readonly Budget[], run: RunFigures, floor: readonly FloorReference[]): Check[] {
  const subject = `${subjectLabel} @${run.connections}`;
  const relative = relativeToFloor(run, floor);
  const checks: Check[] = [];
  for (const budget of budgets) {
    if (budget.connections !== run.connections) continue;
    switch (budget.kind) {
      case "p95":
        checks.push({
          subject,
          budget: budget.label,
          measured: `p95 ${run.latencyMs.p95} ms`,
          verdict: verdict(run.latencyMs.p95 <= budget.maxMs),
        });
        break;
      case "floor-throughput": {
        const fraction = relative.throughputFraction;
        checks.push({
          subject,
          budget: budget.label,
          measured: fraction === null ? "no floor figure" : `${fraction} × floor (${run.requestsPerSecond} req/s)`,
          verdict: verdict(fraction !== null && fraction >= budget.minFraction),
        });
        break;
      }
      case "floor-cpu": {
        const multiple = relative.cpuMultiple;
        checks.push({
          subject,
          budget: budget.label,
          measured: multiple === null ? "no floor figure" : `${multiple} × floor (${run.serverCpuMsPerRequest} ms/req)`,
          verdict: verdict(multiple !== null && multiple <= budget.maxMultiple),
        });
        break;
      }
    }
  }
  const measured = run.requests === 0 ? "no response within the run" : `${run.errors.total} errors`;
  checks.push({ subject, budget: "0 errors", measured, verdict: verdict(run.errors.total === 0 && run.requests > 0) });
  return checks;
}

/** The whole server's resident memory (primary and workers) at its largest sample. */
export function checkMemory(peakTotalMb: number, workers: number, maxMb: number): Check {
  return {
    subject: `Server memory (${workers} workers)`,
    budget: `whole server < ${maxMb} MB RSS`,
    measured: `peak ${peakTotalMb} MB`,
    verdict: verdict(Number.isFinite(peakTotalMb) && peakTotalMb < maxMb),
  };
}
