import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The page checks (hydration errors, raw keys, empty interpolations) live in the `test` of
// tests/e2e/support.ts: a spec that imported Playwright's own `test` would skip them.
describe("end-to-end specs", () => {
  const dir = path.resolve(__dirname, "../e2e");
  const specs = fs.readdirSync(dir).filter((name) => name.endsWith(".spec.ts"));

  it.each(specs)("%s takes `test` from support.ts, with the shared page checks", (spec) => {
    const source = fs.readFileSync(path.join(dir, spec), "utf8");
    expect(source).toMatch(/^import \{[^}]*\btest\b[^}]*\} from "\.\/support\.ts";$/m);
    expect(source).not.toMatch(/^import \{[^}]*(?<!type )\btest\b[^}]*\} from "@playwright\/test";$/m);
  });
});
