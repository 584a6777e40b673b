// `npm start` (scripts/run.mjs) rebuilds when a source is newer than the build: the Remix
// build's (app/, emails/, its settings) and the compiled server's, prisma/seed/ included.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIsStale } from "../../scripts/build.mjs";

/** Seconds since the epoch, an hour ahead: later than anything the checkout itself wrote (its folders). */
const BUILT = Math.floor(Date.now() / 1000) + 3600;
const SOURCES = ["app/routes/_index.tsx", "app/server/cluster.ts", "emails/welcome.tsx", "prisma/seed/accounts.ts", "scripts/build.mjs"];
const OUTPUTS = ["build/index.js", "build/server/index.js", "build/server/start.js"];
let root: string;

function touch(file: string, seconds: number) {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  if (!fs.existsSync(full)) fs.writeFileSync(full, "");
  fs.utimesSync(full, seconds, seconds);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "tremplin-build-"));
  for (const file of SOURCES) touch(file, BUILT - 60);
  for (const file of OUTPUTS) touch(file, BUILT);
  // What the compiled server was made from, as the build records it.
  fs.writeFileSync(
    path.join(root, "build/server/inputs.json"),
    JSON.stringify({ inputs: ["app/server/cluster.ts", "prisma/seed/accounts.ts"], outputs: OUTPUTS }),
  );
  touch("build/server/inputs.json", BUILT);
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("buildIsStale", () => {
  it("is false when every source is older than the build", () => {
    expect(buildIsStale(root)).toBe(false);
  });

  it("is true without a finished build, or with one of its files missing", () => {
    fs.rmSync(path.join(root, "build/server/index.js"));
    expect(buildIsStale(root)).toBe(true);
    fs.rmSync(path.join(root, "build/server/inputs.json"));
    expect(buildIsStale(root)).toBe(true);
  });

  it.each(SOURCES)("is true once %s is newer than the build", (file) => {
    touch(file, BUILT + 1);
    expect(buildIsStale(root)).toBe(true);
  });
});
