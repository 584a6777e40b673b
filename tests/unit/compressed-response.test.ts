import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, compressDataResponse, compressedResponse } from "~/server/compressed-response.server.ts";

const page = `<!DOCTYPE html><html lang="ar"><body>${"<p>مرحبا بكم في تremplin — Bienvenue</p>".repeat(200)}</body></html>`;
const asking = (acceptEncoding?: string) =>
  new Request("http://localhost/", { headers: acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {} });
const html = () => new Headers({ "Content-Type": "text/html; charset=utf-8", "Set-Cookie": "a=b" });

describe("pages and loader data gzipped in one call (app/server/compressed-response.server.ts)", () => {
  it.each([
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8", true],
    ["*", true],
    ["GZIP", true],
    ["gzip;q=0", false],
    ["deflate, br", false],
    ["identity", false],
    ["", false],
  ])("Accept-Encoding %j admits gzip: %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  it("gzips a page for a client that accepts it, keeping status and headers", async () => {
    const response = compressedResponse(page, asking("gzip, br"), { status: 404, headers: html() });
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Encoding")).toBe("gzip");
    expect(response.headers.get("Vary")).toBe("Accept-Encoding");
    expect(response.headers.get("Set-Cookie")).toBe("a=b");
    const body = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get("Content-Length"))).toBe(body.byteLength);
    expect(body.byteLength).toBeLessThan(Buffer.byteLength(page) / 4);
    expect(zlib.gunzipSync(body).toString()).toBe(page);
  });

  it("sends the page as it is to a client that does not accept gzip, or when it is too small to gain", async () => {
    for (const [body, request] of [
      [page, asking()],
      [page, asking("br")],
      ["<p>short</p>", asking("gzip")],
    ] as const) {
      const response = compressedResponse(body, request, { status: 200, headers: html() });
      expect(response.headers.get("Content-Encoding")).toBeNull();
      expect(response.headers.get("Vary")).toBe("Accept-Encoding");
      // Its length said, so that the streaming middleware (app.ts) leaves a body under its threshold alone.
      expect(Number(response.headers.get("Content-Length"))).toBe(Buffer.byteLength(body));
      expect(await response.text()).toBe(body);
    }
  });

  it("gzips JSON loader data, and leaves alone what is not JSON or HTML, has no body or is encoded already", async () => {
    const data = JSON.stringify({ rows: Array.from({ length: 100 }, (_, i) => ({ id: i, name: `Projet ${i}` })) });
    const json = await compressDataResponse(
      new Response(data, { headers: { "Content-Type": "application/json; charset=utf-8" } }),
      asking("gzip"),
    );
    expect(json.headers.get("Content-Encoding")).toBe("gzip");
    expect(zlib.gunzipSync(Buffer.from(await json.arrayBuffer())).toString()).toBe(data);

    const csv = new Response("a,b\n".repeat(1000), { headers: { "Content-Type": "text/csv" } });
    expect(await compressDataResponse(csv, asking("gzip"))).toBe(csv);
    const redirect = new Response(null, { status: 204, headers: { "X-Remix-Redirect": "/login" } });
    expect(await compressDataResponse(redirect, asking("gzip"))).toBe(redirect);
    const encoded = new Response("x".repeat(5000), { headers: { "Content-Type": "application/json", "Content-Encoding": "br" } });
    expect(await compressDataResponse(encoded, asking("gzip"))).toBe(encoded);
  });
});
