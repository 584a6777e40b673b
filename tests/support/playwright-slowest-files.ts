import path from "node:path";
import type { Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/**
 * Prints the ten slowest spec files at the end of a run: the time of all their tests
 * added up, and how many ran. Playwright's own `reportSlowTests` leaves out the files
 * whose tests ran on several workers, which with fullyParallel is most of them.
 */
export default class SlowestFilesReporter implements Reporter {
  private readonly files = new Map<string, { duration: number; tests: number }>();

  onTestEnd(test: TestCase, result: TestResult) {
    const file = path.relative(process.cwd(), test.location.file);
    const entry = this.files.get(file) ?? { duration: 0, tests: 0 };
    entry.duration += result.duration;
    entry.tests += 1;
    this.files.set(file, entry);
  }

  onEnd() {
    const rows = [...this.files].sort((a, b) => b[1].duration - a[1].duration).slice(0, 10);
    if (rows.length === 0) return;
    const lines = rows.map(
      ([file, { duration, tests }]) =>
        `  ${`${(duration / 1000).toFixed(1)} s`.padStart(8)}  ${file} (${tests} test${tests === 1 ? "" : "s"})`,
    );
    console.log(`\n  Slowest ${rows.length} spec files (their tests' time added up):\n${lines.join("\n")}\n`);
  }

  printsToStdio() {
    return true;
  }
}
