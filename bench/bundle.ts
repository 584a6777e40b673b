// JavaScript shipped per route: for each page route, the files the browser
// loads for it (client entry, then root, each parent layout and the route,
// with their shared chunks, each file counted once, plus the language catalogs
// the client entry fetches — the largest ones, Arabic's), gzipped one by one as
// the server sends them. Read from the Remix manifest in public/build/ and
// the compiler's metafile in build/.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { config } from "./config.ts";

type ManifestEntry = { module: string; imports?: string[] };
type ManifestRoute = ManifestEntry & { id: string; parentId?: string };
type Manifest = { entry: ManifestEntry; routes: Record<string, ManifestRoute> };

export type RouteBundle = { route: string; files: number; rawKb: number; gzipKb: number; founderPage: boolean };

const BUILD_DIR = path.join(config.root, "public/build");

function readManifest(): Manifest {
  const manifests = fs
    .readdirSync(BUILD_DIR)
    .filter((name) => /^manifest-[A-Z0-9]+\.js$/.test(name))
    .map((name) => path.join(BUILD_DIR, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!manifests[0]) throw new Error(`no manifest-*.js in ${BUILD_DIR}: build first`);
  const source = fs.readFileSync(manifests[0], "utf8");
  return JSON.parse(source.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;
}

/** A route module without a default export is a resource route: no page, no JavaScript for the browser. */
function isPage(routeId: string): boolean {
  const base = path.join(config.root, "app", routeId);
  const file = [".tsx", ".ts", ".jsx", ".js"].map((ext) => base + ext).find((f) => fs.existsSync(f));
  return file ? /export\s+default\b/.test(fs.readFileSync(file, "utf8")) : true;
}

const sizes = new Map<string, { raw: number; gzip: number }>();
function sizeOf(url: string) {
  let size = sizes.get(url);
  if (!size) {
    const content = fs.readFileSync(path.join(config.root, "public", url));
    size = { raw: content.byteLength, gzip: zlib.gzipSync(content).byteLength }; // zlib's default level, as `compression` uses
    sizes.set(url, size);
  }
  return size;
}

/**
 * The client entry fetches language catalogs at run time (app/i18n/load-catalog.ts): the public
 * strings of one language, and for staff pages the staff tools' strings too. Counted at their
 * largest (Arabic's), as browser URLs.
 */
function largestCatalogChunks(): { publicChunk: string; staffChunk: string } {
  const metafile = JSON.parse(fs.readFileSync(path.join(config.root, "build/metafile.js.json"), "utf8")) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  const largest = (pattern: RegExp) => {
    const chunks = Object.entries(metafile.outputs)
      .filter(([output, { inputs }]) => output.endsWith(".js") && Object.keys(inputs).some((input) => pattern.test(input)))
      .map(([output]) => `/${path.relative(path.join(config.root, "public"), path.join(config.root, output))}`);
    if (chunks.length === 0) throw new Error(`no chunk for ${pattern} in build/metafile.js.json`);
    return chunks.reduce((a, b) => (sizeOf(b).gzip > sizeOf(a).gzip ? b : a));
  };
  return { publicChunk: largest(/^app\/i18n\/locales\/[a-z]+\.ts$/), staffChunk: largest(/^app\/i18n\/locales\/[a-z]+-staff\.ts$/) };
}

export function measureBundles(): RouteBundle[] {
  const manifest = readManifest();
  const { publicChunk, staffChunk } = largestCatalogChunks();
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  return Object.values(manifest.routes)
    .filter((route) => route.id !== "root" && isPage(route.id))
    .map((route) => {
      const chain: ManifestRoute[] = [];
      for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) chain.unshift(r);
      const staff = chain.some((r) => r.id === "routes/admin" || r.id === "routes/reviewer" || r.id.startsWith("routes/staff."));
      const files = new Set<string>([
        manifest.entry.module,
        ...(manifest.entry.imports ?? []),
        publicChunk,
        ...(staff ? [staffChunk] : []),
      ]);
      for (const r of chain) for (const file of [r.module, ...(r.imports ?? [])]) files.add(file);
      let raw = 0;
      let gzip = 0;
      for (const file of files) {
        const size = sizeOf(file);
        raw += size.raw;
        gzip += size.gzip;
      }
      const name = route.id.replace(/^routes\//, "");
      return {
        route: name,
        files: files.size,
        rawKb: kb(raw),
        gzipKb: kb(gzip),
        founderPage: chain.some((r) => r.id === "routes/founder"),
      };
    })
    .sort((a, b) => b.gzipKb - a.gzipKb || a.route.localeCompare(b.route));
}
