// The real Express layer (app/server/app.ts: headers, cross-site check, body
// discarding, client address, Remix) in front of a few route modules taken from
// source, without `remix build`: for tests whose point is HTTP itself.
import type http from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { pino } from "pino";
import { answerUserErrorsIn } from "~/errors.server.ts";
import { createApp } from "~/server/app.ts";

/** A route as Remix calls it; without a default export it answers as a resource route. */
export type TestRoute = { path: string; module: Record<string, unknown> };

export type TestServer = { url: string; port: number; close: () => Promise<void> };

/** Serves the routes through createApp on a free port of 127.0.0.1; `env` is applied while the app is created. */
export async function startTestServer(routes: TestRoute[], env: Record<string, string | undefined> = {}): Promise<TestServer> {
  const build = {
    mode: "production",
    // As the app's entry does, it hands the HTTP layer the one place refusals are answered (app/errors.server.ts).
    entry: { module: { default: () => new Response("no document in this test server", { status: 500 }), answerUserErrorsIn } },
    routes: {
      root: { id: "root", path: "", module: {} },
      ...Object.fromEntries(
        routes.map((route, i) => [`routes/${i}`, { id: `routes/${i}`, parentId: "root", path: route.path, module: route.module }]),
      ),
    },
    assets: { routes: {}, entry: { imports: [], module: "" }, url: "", version: "test" },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {},
    isSpaMode: false,
  } as unknown as ServerBuild;
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
  let app: ReturnType<typeof createApp>;
  try {
    app = createApp(build, pino({ level: "silent" }));
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  const server: http.Server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
