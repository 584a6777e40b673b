import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints the ten slowest test files at the end of a run, each with where its time
 * went: importing it (the app modules it pulls in), its setup files, and its tests
 * and hooks. A file that grows slow shows up here before the whole suite does.
 */
export default class SlowestFilesReporter implements Reporter {
  private readonly count = 10;

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const rows = testModules
      .map((module) => {
        const d = module.diagnostic();
        return { file: module.moduleId.replace(`${process.cwd()}/`, ""), total: d.setupDuration + d.collectDuration + d.duration, d };
      })
      .sort((a, b) => b.total - a.total)
      .slice(0, this.count);
    if (rows.length === 0) return;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
    const lines = rows.map(
      ({ file, total, d }) =>
        `${s(total)}  ${file}  (import ${s(d.collectDuration).trim()}, setup ${s(d.setupDuration).trim()}, tests ${s(d.duration).trim()})`,
    );
    process.stdout.write(`\n Slowest ${rows.length} test files:\n${lines.map((line) => `  ${line}`).join("\n")}\n\n`);
  }
}
