// The patch-package patches in patches/ (what each buys: README, Architecture). An
// upgrade of a patched package makes `patch-package` fail on `npm ci`, or, worse, a
// reinstall without the postinstall step leaves the package unpatched: these tests
// fail in both cases. The adapter patch's behaviour (transactions hold the write lock
// from their first read; a start that cannot get it fails with DatabaseBusyError and
// releases the adapter's mutex) is tested in tests/integration/database.test.ts; the
// PostgreSQL adapter patch's, on a real server, in tests/postgres/migrations.test.ts
// (`npm run test:pg`).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { once } from "node:events";
import { Writable } from "node:stream";
import { describe, expect, it, vi } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PATCHES_DIR = path.join(ROOT, "patches");
const PATCHES = fs.readdirSync(PATCHES_DIR).filter((file) => file.endsWith(".patch"));

/** "@remix-run+router+1.23.3.patch" → { name: "@remix-run/router", version: "1.23.3" } (patch-package's file names). */
function patchedPackage(file: string): { name: string; version: string } {
  const parts = file.replace(/\.patch$/, "").split("+");
  const version = parts.pop()!;
  return { name: parts.join("/"), version };
}

/** The lines each patch adds, by the file they go into (relative to the project). */
function addedLines(patch: string): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of patch.split("\n")) {
    const target = /^\+\+\+ b\/(.+)$/.exec(line);
    if (target) byFile.set(target[1], (current = []));
    else if (line.startsWith("+") && current && line.slice(1).trim() !== "") current.push(line.slice(1));
  }
  return byFile;
}

describe("patches/", () => {
  it("holds the eight patches the README describes", () => {
    expect(PATCHES.map((file) => patchedPackage(file).name).sort()).toEqual([
      "@prisma/adapter-better-sqlite3",
      "@prisma/adapter-pg",
      "@remix-run/dev",
      "@remix-run/node",
      "@remix-run/react",
      "@remix-run/router",
      "@remix-run/server-runtime",
      "react-router-dom",
    ]);
  });

  it.each(PATCHES)("%s is for the version installed", (file) => {
    const { name, version } = patchedPackage(file);
    const installed = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string };
    expect(installed.version, `${name} was upgraded: re-create ${file} for it (npx patch-package ${name}) or drop it`).toBe(version);
  });

  it.each(PATCHES)("%s is applied to the installed files", (file) => {
    const changes = addedLines(fs.readFileSync(path.join(PATCHES_DIR, file), "utf8"));
    expect(changes.size).toBeGreaterThan(0);
    for (const [target, lines] of changes) {
      const installed = fs.readFileSync(path.join(ROOT, target), "utf8");
      const missing = lines.filter((line) => !installed.includes(line));
      expect(missing, `${target} lacks lines of ${file}: run \`npx patch-package\``).toEqual([]);
    }
  });
});

describe("the @remix-run/router patch, in the build the server loads", () => {
  // Loaded the way @remix-run/server-runtime loads it (its CommonJS build, the patched one).
  const requireFromRuntime = createRequire(createRequire(import.meta.url).resolve("@remix-run/server-runtime"));
  const router = requireFromRuntime("@remix-run/router") as typeof import("@remix-run/router");

  it("is the CommonJS build the patch changes", () => {
    expect(requireFromRuntime.resolve("@remix-run/router")).toBe(path.join(ROOT, "node_modules/@remix-run/router/dist/router.cjs.js"));
  });

  it("ranks a route tree once, on its first match, instead of on every match", () => {
    const routes: Array<{ id: string; path: string }> = [{ id: "a", path: "/a" }];
    expect(router.matchRoutes(routes, "/a")?.map((match) => match.route.id)).toEqual(["a"]);
    // A route tree never changes once the server created it: what was ranked is reused as it was.
    // Unpatched, the tree is flattened and ranked again here, and "/b" would match.
    routes.push({ id: "b", path: "/b" });
    expect(router.matchRoutes(routes, "/b")).toBeNull();
    // Another tree is ranked on its own.
    expect(router.matchRoutes([...routes], "/b")?.map((match) => match.route.id)).toEqual(["b"]);
  });

  it("matches a pathname once per route tree, handing out copies its callers may change", () => {
    const routes = [{ id: "root", path: "", children: [{ id: "call", path: "calls/:slug" }] }];
    const decode = vi.spyOn(globalThis, "decodeURIComponent");
    try {
      const first = router.matchRoutes(routes, "/calls/atlas-2026")!;
      const decodedOnce = decode.mock.calls.length;
      expect(decodedOnce).toBeGreaterThan(0);
      (first[1].params as Record<string, string>).slug = "changed";
      first.pop();
      // Unpatched, the branches are tried (and the path decoded) again.
      const second = router.matchRoutes(routes, "/calls/atlas-2026")!;
      expect(decode.mock.calls.length).toBe(decodedOnce);
      expect(second.map((match) => match.route.id)).toEqual(["root", "call"]);
      expect(second[1].params).toEqual({ slug: "atlas-2026" });
      // The matches of one path share one params object, as unpatched.
      expect(second[0].params).toBe(second[1].params);
      expect(router.matchRoutes(routes, "/elsewhere")).toBeNull();
      // Bounded: past its size the cache starts over, and still matches right.
      for (let i = 0; i < 2_100; i += 1) expect(router.matchRoutes(routes, `/calls/c${i}`)?.[1].params.slug).toBe(`c${i}`);
      expect(router.matchRoutes(routes, "/calls/atlas-2026")?.[1].params).toEqual({ slug: "atlas-2026" });
    } finally {
      decode.mockRestore();
    }
  });

  it("matches as the unpatched router does: ranking, params, case and splats", () => {
    const routes = [
      {
        id: "root",
        path: "",
        children: [
          { id: "index", index: true },
          { id: "calls", path: "calls/:slug" },
          { id: "apply", path: "calls/:slug/apply" },
          { id: "new", path: "calls/new" },
          { id: "Case", path: "Case", caseSensitive: true },
          { id: "splat", path: "*" },
        ],
      },
    ];
    const ids = (pathname: string) => router.matchRoutes(routes, pathname)?.map((match) => match.route.id);
    expect(ids("/")).toEqual(["root", "index"]);
    expect(ids("/calls/new")).toEqual(["root", "new"]);
    expect(ids("/calls/cohorte-2026")).toEqual(["root", "calls"]);
    expect(router.matchRoutes(routes, "/calls/cohorte-2026/apply")?.at(-1)?.params).toEqual({ slug: "cohorte-2026" });
    expect(ids("/Case")).toEqual(["root", "Case"]);
    expect(ids("/case")).toEqual(["root", "splat"]);
    expect(router.matchPath({ path: "/calls/:slug", end: false }, "/calls/x/apply")?.params).toEqual({ slug: "x" });
    expect(router.matchPath({ path: "/calls/:slug", end: true }, "/calls/x/apply")).toBeNull();
  });
});

describe("the router's json(), in the build the server loads", () => {
  const requireFromRuntime = createRequire(createRequire(import.meta.url).resolve("@remix-run/server-runtime"));
  const router = requireFromRuntime("@remix-run/router") as typeof import("@remix-run/router");

  it("gives a document request its loader's data without reading the response's body", async () => {
    const answers: Response[] = [];
    const data = { name: "Atlas Solaire", score: 4.25, when: new Date("2026-12-01T10:00:00Z"), gone: undefined, tags: ["é", "مشروع"] };
    const handler = router.createStaticHandler([
      { id: "root", path: "/", loader: () => answers[answers.push(router.json(data, { headers: { "X-Kept": "1" } })) - 1] },
    ]);
    const context = await handler.query(new Request("http://localhost/"));
    if (context instanceof Response) throw new Error("expected a context");
    // What JSON makes of it (the date as a string, undefined dropped), as the browser will see it.
    expect(context.loaderData.root).toEqual(JSON.parse(JSON.stringify(data)));
    expect(context.loaderHeaders.root.get("X-Kept")).toBe("1");
    // Unpatched, the router reads the body stream back (await response.json()).
    expect(answers[0].bodyUsed).toBe(false);
  });

  it("still reads a JSON body it did not make, and one already read is an error as before", async () => {
    const made = new Response(JSON.stringify({ a: 1 }), { headers: { "Content-Type": "application/json" } });
    const read = router.json({ b: 2 });
    await read.text();
    const handler = router.createStaticHandler([
      { id: "root", path: "/", children: [{ id: "made", index: true, loader: () => made }] },
      { id: "read", path: "/read", loader: () => read },
    ]);
    const context = await handler.query(new Request("http://localhost/"));
    if (context instanceof Response) throw new Error("expected a context");
    expect(context.loaderData.made).toEqual({ a: 1 });
    const failed = await handler.query(new Request("http://localhost/read"));
    if (failed instanceof Response) throw new Error("expected a context");
    expect(failed.errors?.read).toBeInstanceOf(TypeError);
  });
});

describe("the @remix-run/server-runtime patch", () => {
  const { createRequestHandler } = createRequire(import.meta.url)(
    "@remix-run/server-runtime",
  ) as typeof import("@remix-run/server-runtime");
  // A build of one route whose loader and action tell which Request object they were given.
  const seen: Request[] = [];
  const build = {
    mode: "production",
    future: {},
    basename: undefined,
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    isSpaMode: false,
    assets: { url: "/build/manifest.js", version: "1", entry: { module: "/build/entry.js", imports: [] }, routes: {} },
    entry: { module: { default: () => new Response("document") } },
    routes: {
      root: {
        id: "root",
        path: "",
        module: {
          loader: ({ request }: { request: Request }) => (seen.push(request), { search: new URL(request.url).search }),
          action: async ({ request }: { request: Request }) => (seen.push(request), { body: await request.text() }),
        },
      },
    },
  };
  const handle = createRequestHandler(build as never);

  it("hands a loader or action the request itself when there is no parameter to strip", async () => {
    seen.length = 0;
    const get = new Request("http://localhost/?_data=root");
    const data = await handle(get);
    expect(await data.json()).toEqual({ search: "" });
    // A data request carries _data: that copy is still made, and strips it.
    expect(seen[0]).not.toBe(get);
    const post = new Request("http://localhost/?q=1&_data=root", { method: "POST", body: "a=1" });
    expect(await (await handle(post)).json()).toEqual({ body: "a=1" });
    expect(new URL(seen[1].url).search).toBe("?q=1");
  });

  it("passes a document request's Request on uncopied (unpatched, each loader gets two copies)", async () => {
    seen.length = 0;
    const request = new Request("http://localhost/?q=%C3%A9");
    await handle(request);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBe(request);
    // A request with ?index (and nothing in it) still has it stripped, as before.
    await handle(new Request("http://localhost/?index&q=1"));
    expect(new URL(seen[1].url).search).toBe("?q=1");
  });
});

describe("the @remix-run/node patch: how a response's body is written to the client", () => {
  const { writeReadableStreamToWritable } = createRequire(import.meta.url)("@remix-run/node") as typeof import("@remix-run/node");
  const CHUNK = 16 * 1024;
  /** A body of `count` chunks (a CSV export's, say) that counts what was read from it and whether it was cancelled. */
  const body = (count: number) => {
    const state = { pulled: 0, cancelled: false };
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (state.pulled === count) return controller.close();
          state.pulled++;
          controller.enqueue(new Uint8Array(CHUNK));
        },
        cancel() {
          state.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    return { stream, state };
  };
  /** A client that takes nothing until released. */
  const slowClient = () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let received = 0;
    const writable = new Writable({
      highWaterMark: CHUNK,
      write(chunk: Buffer, _encoding, done) {
        void released.then(() => {
          received += chunk.length;
          done();
        });
      },
    });
    return { writable, release, received: () => received };
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("reads the body no faster than the client takes it", async () => {
    const { stream, state } = body(100);
    const client = slowClient();
    const writing = writeReadableStreamToWritable(stream, client.writable);
    await pause(50);
    // Unpatched, all 100 chunks are read at once and held in the response's buffer.
    expect(state.pulled).toBeLessThanOrEqual(3);
    client.release();
    await writing;
    if (!client.writable.writableFinished) await once(client.writable, "finish");
    expect(state.pulled).toBe(100);
    expect(client.received()).toBe(100 * CHUNK);
  });

  it("stops reading the body, and cancels it, once the client has gone", async () => {
    const { stream, state } = body(100);
    const client = slowClient();
    const writing = writeReadableStreamToWritable(stream, client.writable);
    await pause(20);
    client.writable.destroy();
    await writing;
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(100);
  });
});

describe("the @remix-run/react and react-router-dom patches, in the build the server loads", () => {
  // RemixServer as entry.server.tsx renders it (the CommonJS builds the patches change).
  const { RemixServer } = createRequire(import.meta.url)("@remix-run/react") as typeof import("@remix-run/react");
  type Element = { props?: { router?: { routes: unknown[] }; children?: Element | Element[] } };
  const routerOf = (element: Element | undefined): { routes: unknown[] } | undefined => {
    if (!element || typeof element !== "object") return undefined;
    if (element.props?.router) return element.props.router;
    const children = element.props?.children;
    for (const child of Array.isArray(children) ? children : [children]) {
      const router = routerOf(child);
      if (router) return router;
    }
    return undefined;
  };
  const route = (id: string, parentId: string | undefined, path: string) => ({
    id,
    parentId,
    path,
    module: `/build/${id}.js`,
    hasLoader: false,
    hasAction: false,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: false,
  });
  const manifest = { routes: { root: route("root", undefined, ""), "routes/a": route("routes/a", "root", "a") } };
  const modules = { root: { default: () => null }, "routes/a": { default: () => null } };
  const future = {};
  // What the server runtime hands RemixServer on each request: the build's manifest and future flags,
  // and a new object of the same route modules.
  const render = (routeModules: Record<string, unknown>) =>
    routerOf(
      RemixServer({
        context: {
          manifest,
          routeModules,
          future,
          isSpaMode: false,
          serverHandoffString: "{}",
          staticHandlerContext: { loaderData: {}, matches: [], location: { pathname: "/a" } },
        } as never,
        url: "http://localhost/a",
      }) as Element,
    );

  it("renders every request of a build with one route tree, which the router ranked once", () => {
    const first = render({ ...modules });
    const second = render({ ...modules });
    expect(first?.routes).toHaveLength(1);
    // Unpatched, each request makes its server routes and then its data routes anew, and the
    // router flattens and ranks them again while rendering.
    expect(second?.routes).toBe(first?.routes);
  });

  it("makes a new tree when the route modules change (a new build)", () => {
    const first = render({ ...modules });
    const rebuilt = render({ ...modules, "routes/a": { default: () => null } });
    expect(rebuilt?.routes).not.toBe(first?.routes);
  });
});

describe("the @remix-run/dev patch: server modules in the browser's build", () => {
  it("stands a .server module of app/ in for an empty module without side effects, so an unused import of it is dropped", async () => {
    const { emptyModulesPlugin } = (await import("@remix-run/dev/dist/compiler/plugins/emptyModules.js")) as unknown as {
      emptyModulesPlugin: (context: { config: { appDirectory: string } }, filter: RegExp) => { setup: (build: unknown) => void };
    };
    const resolvers: Array<(args: { path: string; resolveDir: string }) => unknown> = [];
    const build = {
      onResolve: (_options: unknown, callback: (args: { path: string; resolveDir: string }) => unknown) => resolvers.push(callback),
      onLoad: () => undefined,
    };
    emptyModulesPlugin({ config: { appDirectory: path.join(ROOT, "app") } }, /\.server(\.[jt]sx?)?$/).setup(build);
    expect(resolvers[0]({ path: "~/models/application.server.ts", resolveDir: path.join(ROOT, "app/routes") })).toEqual({
      path: "~/models/application.server.ts",
      namespace: "empty-module",
      sideEffects: false,
    });
  });
});
