import { describe, expect, it } from "vitest";
import { codeOf, layerOfStack, profileLayers, type CpuProfile } from "../../bench/layers.ts";

const frame = (functionName: string, url = "") => ({ functionName, url });
const NM = "file:///srv/app/node_modules";

describe("bench profile layers (bench/layers.ts)", () => {
  it("names the code a frame runs", () => {
    expect(codeOf(`${NM}/@remix-run/router/dist/router.cjs.js`)).toBe("@remix-run/router");
    expect(codeOf(`${NM}/express/lib/router/index.js`)).toBe("express");
    expect(codeOf("node:zlib")).toBe("node:zlib");
    expect(codeOf("node:internal/streams/writable")).toBe("node:internal");
    expect(codeOf("file:///srv/app/build/server/app-UJNHFZJQ.js")).toBe("build/server/app.js");
    expect(codeOf("file:///srv/app/build/index.js")).toBe("build/index.js");
    expect(codeOf("")).toBe("(native)");
  });

  it("charges a sample to the innermost layer on its stack", () => {
    const remix = frame("handleDocumentRequest", `${NM}/@remix-run/server-runtime/dist/server.js`);
    const express = frame("handle", `${NM}/express/lib/router/layer.js`);
    const render = frame("renderToString", `${NM}/react-dom/cjs/react-dom-server.node.production.min.js`);
    const component = frame("DataTable", "file:///srv/app/build/index.js");
    // innermost first
    expect(layerOfStack([frame("processChunk", "node:zlib"), frame("write", `${NM}/compression/index.js`), remix, express])).toBe(
      "compression",
    );
    expect(layerOfStack([frame("translate", `${NM}/i18next/dist/cjs/i18next.js`), component, render, remix])).toBe("translations");
    expect(layerOfStack([component, render, remix, express])).toBe("React render");
    expect(
      layerOfStack([
        frame("performIO", `${NM}/@prisma/adapter-better-sqlite3/dist/index.mjs`),
        frame("loader"),
        frame("callRouteLoader", `${NM}/@remix-run/server-runtime/dist/data.js`),
      ]),
    ).toBe("database (Prisma + driver)");
    expect(
      layerOfStack([
        frame("loader", "file:///srv/app/build/index.js"),
        frame("callRouteLoader", `${NM}/@remix-run/server-runtime/dist/data.js`),
        remix,
      ]),
    ).toBe("loaders (app code)");
    expect(layerOfStack([frame("matchRoutes", `${NM}/@remix-run/router/dist/router.cjs.js`), remix, express])).toBe("Remix runtime");
    expect(layerOfStack([frame("helmetMiddleware", `${NM}/helmet/index.cjs`), express])).toBe("Express & middleware");
    expect(layerOfStack([frame("(garbage collector)")])).toBe("garbage collection");
    expect(layerOfStack([frame("writev"), frame("Socket._writeGeneric", "node:net")])).toBe("Node HTTP, streams, other");
    // the socket write under the compression middleware's wrapped res.write is not compression
    expect(layerOfStack([frame("writev"), frame("write", `${NM}/compression/index.js`), remix])).toBe("Node HTTP, streams, other");
  });

  it("adds up busy time per layer from the first request on, leaving start-up and idle time out", () => {
    // root → parserOnIncoming → express → remix → react-dom → component; plus module loading, idle and GC
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: 0 }, children: [2, 7, 8, 9] },
        { id: 2, callFrame: { functionName: "parserOnIncoming", url: "node:_http_server", lineNumber: 0 }, children: [3] },
        { id: 3, callFrame: { functionName: "handle", url: `${NM}/express/lib/router/layer.js`, lineNumber: 0 }, children: [4] },
        {
          id: 4,
          callFrame: { functionName: "requestHandler", url: `${NM}/@remix-run/server-runtime/dist/server.js`, lineNumber: 0 },
          children: [5],
        },
        { id: 5, callFrame: { functionName: "renderToString", url: `${NM}/react-dom/server.js`, lineNumber: 0 }, children: [6] },
        { id: 6, callFrame: { functionName: "Page", url: "file:///srv/app/build/index.js", lineNumber: 0 } },
        { id: 7, callFrame: { functionName: "compileSourceTextModule", url: "node:internal/vm", lineNumber: 0 } },
        { id: 8, callFrame: { functionName: "(idle)", url: "", lineNumber: 0 } },
        { id: 9, callFrame: { functionName: "(garbage collector)", url: "", lineNumber: 0 } },
      ],
      // start-up (7) before the first request is not charged; idle (8) never is
      samples: [7, 7, 2, 3, 4, 6, 6, 8, 9, 7],
      timeDeltas: [5000, 5000, 100, 200, 300, 400, 400, 9000, 600, 1000],
    };
    const { busyMs, layers } = profileLayers(profile);
    const ms = Object.fromEntries(layers.map((layer) => [layer.layer, layer.ms]));
    expect(ms).toEqual({
      "Node HTTP, streams, other": 1.1, // parserOnIncoming's own 0.1, and the module load after it
      "Express & middleware": 0.2,
      "Remix runtime": 0.3,
      "React render": 0.8,
      "garbage collection": 0.6,
    });
    expect(busyMs).toBeCloseTo(3.0);
    expect(layers[0]!.layer).toBe("Node HTTP, streams, other");
    const [renderTop] = layers.find((layer) => layer.layer === "React render")!.top;
    expect(renderTop!.frame).toBe("Page (build/index.js)");
    expect(renderTop!.ms).toBeCloseTo(0.8);
    expect(layers.reduce((sum, layer) => sum + layer.share, 0)).toBeCloseTo(1);
  });
});
