// Where a request's CPU time goes, by layer of the server: read from a V8 CPU
// profile (`node --cpu-prof`) of a server under load. Each sample is charged to
// the innermost layer on its stack — zlib under Remix's response counts as
// compression, i18next under React's render as translations, an app component
// as React's render, a Prisma call in a loader as the database.

/** The parts of a `.cpuprofile` file that the analysis reads (Chrome DevTools' format). */
export type CpuProfile = {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
};

export const LAYERS = [
  "Express & middleware",
  "Remix runtime",
  "loaders (app code)",
  "database (Prisma + driver)",
  "translations",
  "React render",
  "compression",
  "garbage collection",
  "Node HTTP, streams, other",
] as const;
export type Layer = (typeof LAYERS)[number];

/** Where a frame's code lives: a package name, `node:<module>`, a project file, or `(native)`. */
export function codeOf(url: string): string {
  if (!url) return "(native)";
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return url.split("/")[0]!;
  if (url.startsWith("wasm:")) return "wasm";
  const project = url.match(/\/(build\/.*)$/) ?? url.match(/\/(app\/.*)$/);
  return project ? project[1]!.replace(/-[A-Z0-9]{8}\.js$/, ".js") : url;
}

const BY_CODE: Array<[RegExp, Layer]> = [
  [/^node:zlib$|^compression$/, "compression"],
  [/^i18next$|^react-i18next$|^remix-i18next$|^app\/i18n\//, "translations"],
  [/^@prisma\/|^wasm$|^better-sqlite3$/, "database (Prisma + driver)"],
  [/^react-dom$|^react$|^@remix-run\/react$|^react-router(-dom)?$/, "React render"],
  [/^@remix-run\/(server-runtime|router|node|express)$|^cookie$|^set-cookie-parser$/, "Remix runtime"],
  [
    /^express$|^helmet$|^pino|^on-headers$|^serve-static$|^send$|^qs$|^cookie-signature$|^finalhandler$|^negotiator$|^vary$|^build\/server\//,
    "Express & middleware",
  ],
];

const SOCKET_WRITES = new Set(["writev", "writeBuffer", "writeUtf8String", "writeLatin1String", "writeAsciiString"]);

/** The layer a sample belongs to, given its stack from the innermost frame out. */
export function layerOfStack(stack: ReadonlyArray<{ functionName: string; url: string }>): Layer {
  if (stack[0]?.functionName === "(garbage collector)") return "garbage collection";
  // Writing to the socket, whichever middleware wrapped the write.
  if (stack[0] && !stack[0].url && SOCKET_WRITES.has(stack[0].functionName)) return "Node HTTP, streams, other";
  for (const frame of stack) {
    if (frame.functionName === "callRouteLoader" || frame.functionName === "callRouteAction") return "loaders (app code)";
    const code = codeOf(frame.url);
    for (const [pattern, layer] of BY_CODE) if (pattern.test(code)) return layer;
  }
  return "Node HTTP, streams, other";
}

export type LayerCost = { layer: Layer; ms: number; share: number; top: Array<{ frame: string; ms: number }> };

/**
 * Busy time by layer, from the first sample that serves a request (start-up is not
 * charged) — idle samples left out. `top`: the costliest functions (self time) of each layer.
 */
export function profileLayers(profile: CpuProfile, topCount = 5): { busyMs: number; layers: LayerCost[] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // A node's stack, walked once however many samples land on it.
  const stacks = new Map<number, Array<CpuProfile["nodes"][number]["callFrame"]>>();
  const stackOf = (id: number) => {
    let frames = stacks.get(id);
    if (!frames) {
      frames = [];
      for (let current: number | undefined = id; current !== undefined; current = parent.get(current))
        frames.push(nodes.get(current)!.callFrame);
      stacks.set(id, frames);
    }
    return frames;
  };

  const selfUs = new Map<number, number>();
  let serving = false;
  profile.samples.forEach((id, index) => {
    const stack = stackOf(id);
    serving ||= stack.some((frame) => frame.functionName === "parserOnIncoming");
    if (!serving || stack[0]!.functionName === "(idle)") return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });

  const byLayer = new Map<Layer, { us: number; frames: Map<string, number> }>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const stack = stackOf(id);
    const layer = layerOfStack(stack);
    const entry = byLayer.get(layer) ?? { us: 0, frames: new Map() };
    const leaf = stack[0]!;
    const frame = `${leaf.functionName || "(anonymous)"} (${codeOf(leaf.url)})`;
    entry.us += us;
    entry.frames.set(frame, (entry.frames.get(frame) ?? 0) + us);
    byLayer.set(layer, entry);
    busyUs += us;
  }
  const layers = [...byLayer]
    .map(([layer, { us, frames }]) => ({
      layer,
      ms: us / 1000,
      share: busyUs === 0 ? 0 : us / busyUs,
      top: [...frames]
        .sort((a, b) => b[1] - a[1])
        .slice(0, topCount)
        .map(([frame, frameUs]) => ({ frame, ms: frameUs / 1000 })),
    }))
    .sort((a, b) => b.ms - a.ms);
  return { busyMs: busyUs / 1000, layers };
}
