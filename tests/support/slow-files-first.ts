import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take longest (see the slowest-files list at the end of a run),
 * started first so that the workers finish together. Vitest orders by the last
 * run's durations when it has them, but on a fresh clone it has none and starts
 * the largest files first: server-cluster (which builds the app) would then start
 * last and end the run alone. invariants, the longest file, starts first. The others
 * keep Vitest's order.
 */
const SLOW_FIRST = ["invariants", "server-cluster", "form-fuzz", "account-security", "intake-races", "enrollment"];

export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = SLOW_FIRST.findIndex((name) => file.moduleId.endsWith(`/${name}.test.ts`));
      return index === -1 ? SLOW_FIRST.length : index;
    };
    return sorted
      .map((file, position) => ({ file, position }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.position - b.position)
      .map(({ file }) => file);
  }
}
