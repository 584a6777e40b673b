// Request bodies through the real Express app: forms are capped (a translated
// 413, decided before the body is read), and a body the app answers without
// reading is discarded, so the connection stays usable instead of being reset.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbReady } from "~/db/client.server.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import * as login from "~/routes/login.tsx";
import { FORM_BODY_LIMIT_BYTES } from "~/schemas/form-data.ts";
import { DISCARD_MAX_BYTES, DISCARD_MAX_MS } from "~/server/body-limit.ts";
import { startTestServer, type TestServer } from "../support/http-app.ts";

let server: TestServer;

beforeAll(async () => {
  await dbReady;
  server = await startTestServer([
    { path: "login", module: { action: login.action } },
    // A route that answers without reading what was posted to it.
    { path: "ignores-body", module: { action: async () => new Response("answered without reading") } },
    { path: "ping", module: { loader: async () => new Response("pong") } },
    // The upload route's place: its bodies are left to it (it answers without reading one that is too large).
    { path: "founder/applications/:id/edit/documents", module: { action: async () => new Response("upload refused in the wizard") } },
  ]);
});
afterAll(() => server.close());

type Exchange = { statuses: number[]; error: string | null; closed: boolean; sent: number };

/**
 * Writes one POST of `bodyBytes` on a raw keep-alive socket (declared length, or
 * chunked), as fast as the server takes it, then a GET /ping on the same socket.
 */
async function postThenPing(
  path: string,
  bodyBytes: number,
  options: { chunked?: boolean; prefix?: string; contentType?: string } = {},
): Promise<Exchange> {
  const socket = net.connect(server.port, "127.0.0.1");
  const result: Exchange = { statuses: [], error: null, closed: false, sent: 0 };
  let received = "";
  socket.on("data", (data) => {
    received += data.toString("latin1");
    result.statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
  });
  socket.on("error", (error) => (result.error = error.message));
  const closed = new Promise<void>((resolve) => socket.on("close", () => ((result.closed = true), resolve())));
  const framing = options.chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${bodyBytes}`;
  const contentType = options.contentType ?? "application/x-www-form-urlencoded";
  socket.write(`POST /${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\n${framing}\r\n\r\n`);
  const prefix = Buffer.from(options.prefix ?? "");
  const filler = Buffer.alloc(64 * 1024, "a");
  while (result.sent < bodyBytes && !result.closed) {
    const part = result.sent === 0 && prefix.length > 0 ? prefix : filler.subarray(0, Math.min(filler.length, bodyBytes - result.sent));
    result.sent += part.length;
    const framed = options.chunked ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from("\r\n")]) : part;
    if (!socket.write(framed)) await new Promise((resolve) => (socket.once("drain", resolve), socket.once("close", resolve)));
  }
  if (!result.closed) {
    if (options.chunked) socket.write("0\r\n\r\n");
    socket.write("GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await Promise.race([closed, until(() => result.statuses.length >= 2)]);
  }
  socket.destroy();
  return result;
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("form bodies are capped", () => {
  it("answers a 100 MB login post with 413 without reading it into memory", async () => {
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
    const exchange = await postThenPing("login", 100 * 1024 * 1024);
    clearInterval(sampler);
    expect(exchange.statuses[0]).toBe(413);
    // The server gave up on the body well before the client could send it all.
    expect(exchange.sent).toBeLessThan(100 * 1024 * 1024);
    expect((rssPeak - rssBefore) / 2 ** 20).toBeLessThan(50);
  });

  it("refuses a chunked form body as soon as it passes the limit", async () => {
    const exchange = await postThenPing("login", FORM_BODY_LIMIT_BYTES + 128 * 1024, {
      chunked: true,
      prefix: "email=a%40b.test&password=x&pad=",
    });
    expect(exchange.statuses[0]).toBe(413);
    expect(exchange.error).toBeNull();
  });

  it("says so in the user's language: a translated 413 page, before the body is read", async () => {
    for (const [acceptLanguage, locale] of [
      ["ar-MA,ar;q=0.9", "ar"],
      ["en-GB", "en"],
      ["de-DE", "fr"],
    ] as const) {
      const response = await fetch(`${server.url}/login`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": acceptLanguage },
        body: `email=a%40b.test&password=x&pad=${"a".repeat(FORM_BODY_LIMIT_BYTES)}`,
      });
      expect(response.status).toBe(413);
      const html = await response.text();
      expect(html).toContain(`lang="${locale}"`);
      expect(html).toContain(catalogs[locale].errors.title413);
      expect(html).toContain(catalogs[locale].errors.text413);
    }
  });

  it("a form streamed without a length is refused with its translated message key once past the limit", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("email=a%40b.test&password=x&pad="));
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(97));
        controller.close();
      },
    });
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ message: "errors.bodyTooLarge" });
  });

  it("still reads a form just under the limit", async () => {
    const body = `email=nobody%40example.test&password=wrong-password-1&pad=`;
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: body + "a".repeat(FORM_BODY_LIMIT_BYTES - body.length),
    });
    expect(response.status).toBe(400); // read and judged: wrong credentials, not too large
    expect(await response.json()).toMatchObject({ formError: "auth.invalidCredentials" });
  });
});

describe("a body the app does not read", () => {
  it("is discarded: the client gets the answer and the same connection serves the next request", async () => {
    const exchange = await postThenPing("ignores-body", 200 * 1024);
    expect(exchange.error).toBeNull();
    expect(exchange.statuses).toEqual([200, 200]);
  });

  it("is discarded when it comes without a length too, up to what is worth reading", async () => {
    const exchange = await postThenPing("ignores-body", 5 * 1024 * 1024, { chunked: true });
    expect(exchange.error).toBeNull();
    expect(exchange.statuses).toEqual([200, 200]);
  });

  it("is discarded after a refused form too", async () => {
    const exchange = await postThenPing("login", 2 * 1024 * 1024);
    expect(exchange.error).toBeNull();
    expect(exchange.statuses).toEqual([413, 200]);
  });

  it("beyond what is worth reading, ends with a closed connection after the answer", async () => {
    const started = Date.now();
    const exchange = await postThenPing("ignores-body", DISCARD_MAX_BYTES + 16 * 1024 * 1024, { chunked: true });
    expect(exchange.statuses[0]).toBe(200);
    expect(exchange.closed).toBe(true);
    // Closed once the limit is read, not left open until an idle timeout.
    expect(Date.now() - started).toBeLessThan(DISCARD_MAX_MS - 1_000);
    expect(exchange.sent).toBeLessThan(DISCARD_MAX_BYTES + 16 * 1024 * 1024);
  });

  it("declared longer than will ever be read (a 100 MB upload), gets its answer and then a closed connection at once", async () => {
    const started = Date.now();
    const exchange = await postThenPing("founder/applications/x/edit/documents", 100 * 1024 * 1024, {
      contentType: "multipart/form-data; boundary=b",
    });
    expect(exchange.statuses[0]).toBe(200);
    expect(exchange.closed).toBe(true);
    expect(exchange.sent).toBeLessThan(DISCARD_MAX_BYTES);
    expect(Date.now() - started).toBeLessThan(DISCARD_MAX_MS - 1_000);
  });
});
