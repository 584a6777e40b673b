// `npm run build`: the Remix build (build/index.js, public/build/), then the compiled server in
// build/server/, so that production runs plain `node`, never the tsx loader:
//
//   start.js          `npm start`'s launcher: migrate, demo seed, serve (app/server/start.ts)
//   index.js          the server, and what every cluster worker runs (app/server/index.ts)
//   worker.js         `npm run worker`: the outbox and scheduled jobs alone (app/email/run-worker.ts)
//   backup.js, create-admin.js    the ops commands (app/ops/)
//
// esbuild bundles each entry as an ES module, its shared code in chunks beside it; packages stay
// outside (imported from node_modules at run time: better-sqlite3's native module, Prisma's runtime).
// Plain JavaScript, so that it runs before anything is compiled (scripts/run.mjs, `npm start`).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");
const SERVER_DIR = "build/server";
/** Written last by a build that succeeded: its time is the build's; it lists what the build read and wrote. */
const STAMP = `${SERVER_DIR}/inputs.json`;
const ENTRIES = {
  start: "app/server/start.ts",
  index: "app/server/index.ts",
  worker: "app/email/run-worker.ts",
  backup: "app/ops/backup.ts",
  "create-admin": "app/ops/create-admin.ts",
};
/**
 * Leaves every package out of the bundle, imported from node_modules at run time. (Not esbuild's
 * `packages: "external"`: the esbuild Remix brings, 0.17, would leave tsconfig's "~/…" paths out too.)
 */
const externalPackages = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./~]/ }, (args) => (args.kind === "entry-point" ? undefined : { path: args.path, external: true }));
  },
};

/** Read by every build besides the server's own sources (listed in the stamp from esbuild's metafile). */
const INPUTS = ["app", "emails", "public/favicon.svg", "remix.config.js", "package.json", "tsconfig.json", "scripts/build.mjs"];

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/**
 * True when there is no complete build in `root`, or a source is newer than it: anything under
 * app/ and emails/, the build's settings, or any file the compiled server was made from
 * (prisma/seed.ts and its modules included).
 */
export function buildIsStale(root = ROOT) {
  const stamp = path.join(root, STAMP);
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  const { inputs, outputs } = JSON.parse(fs.readFileSync(stamp, "utf8"));
  if (outputs.some((output) => !fs.existsSync(path.join(root, output)))) return true;
  return [...INPUTS, ...inputs].some((input) => newestMtime(path.join(root, input)) > built);
}

/**
 * `\uXXXX` escapes of characters beyond ASCII, in JavaScript source, written as the characters
 * themselves (UTF-8). Remix's compiler escapes them (esbuild's default charset, not configurable
 * there): the Arabic catalog shipped to browsers was 49 KB instead of 21, 8.1 KB gzipped instead of
 * 7.0. Same program: a character beyond ASCII means the same in a string, a regular expression or a
 * name whether escaped or not. ASCII escapes stay (an escaped quote or backslash is syntax), and so do
 * surrogates, U+2028 and U+2029, and a `\\u` that is an escaped backslash followed by "u".
 */
export function unescapeNonAscii(source) {
  return source.replace(/(\\+)u([0-9a-fA-F]{4})/g, (match, backslashes, hex) => {
    const code = parseInt(hex, 16);
    const escapes = backslashes.length % 2 === 1;
    const keep = code < 0x80 || (code >= 0xd800 && code <= 0xdfff) || code === 0x2028 || code === 0x2029;
    return escapes && !keep ? `${backslashes.slice(1)}${String.fromCharCode(code)}` : match;
  });
}

/** Rewrites the browser's scripts in `dir` with unescapeNonAscii (module scripts are always read as UTF-8). */
function unescapeBrowserScripts(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) unescapeBrowserScripts(file);
    else if (entry.name.endsWith(".js")) fs.writeFileSync(file, unescapeNonAscii(fs.readFileSync(file, "utf8")));
  }
}

/** The whole build: Remix's, then the server's. */
export async function build() {
  execFileSync(path.join(ROOT, "node_modules/.bin/remix"), ["build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  unescapeBrowserScripts(path.join(ROOT, "public/build"));
  const esbuild = await import("esbuild");
  fs.rmSync(path.join(ROOT, SERVER_DIR), { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: SERVER_DIR,
    bundle: true,
    // Shared code in chunks: a module's `import.meta.url` is then never another entry's (prisma/seed.ts
    // checks it to know whether it runs as a command), and the entries stay small.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    plugins: [externalPackages],
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith("node_modules/"));
  const outputs = ["build/index.js", ...Object.keys(ENTRIES).map((name) => `${SERVER_DIR}/${name}.js`)];
  fs.writeFileSync(path.join(ROOT, STAMP), `${JSON.stringify({ inputs, outputs }, null, 2)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await build();
