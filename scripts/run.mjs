// `node scripts/run.mjs <entry> [arguments…]`: builds when the sources are newer than the build
// (scripts/build.mjs), then runs build/server/<entry>.js in this same plain node process, with
// the arguments that follow. `npm start` is `node scripts/run.mjs start`: from a fresh clone,
// build, migrate, seed the demo and serve, in one command.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, buildIsStale } from "./build.mjs";

const ENTRIES = ["start", "index", "worker", "backup", "create-admin"];
const entry = process.argv[2];
if (!ENTRIES.includes(entry)) {
  console.error(`Usage: node scripts/run.mjs <${ENTRIES.join("|")}> [arguments…]`);
  process.exit(2);
}
// What the entry sees as its own command line: the arguments after its name.
process.argv.splice(2, 1);

if (buildIsStale()) {
  console.log("Building: the sources are newer than the build (or there is none yet).");
  await build();
}
await import(pathToFileURL(path.resolve(import.meta.dirname, "../build/server", `${entry}.js`)).href);
