import { parseEnv } from "../config/env.server.ts";
import crypto from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import onHeaders from "on-headers";
import { pinoHttp } from "pino-http";
import type { Logger } from "pino";
import type { TremplinLoadContext } from "../load-context.ts";
import { responseSent, runInRequestScope } from "../request-scope.server.ts";
import { discardUnreadBodies, refuseOversizedBodies } from "./body-limit.ts";

const PUBLIC_DIR = path.resolve("public");
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** A path whose last segment has an extension, like /favicon.ico: the only ones public/ can answer. */
const FILE_NAME = /\.[A-Za-z0-9]+$/;

/**
 * Refuses a form post or fetch that a browser says comes from another site
 * (Origin, or failing that Referer, naming another host): cross-site request
 * forgery never reaches an action. Requests without either header (curl, old
 * clients) go on; the SameSite=Lax session cookie already keeps them anonymous.
 */
export function refuseCrossSiteMutations(req: express.Request, res: express.Response, next: express.NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const source = req.get("origin") ?? req.get("referer");
  if (!source) return next();
  // Privacy settings can hide the origin ("null"); the browser's own Sec-Fetch-Site still tells.
  if (source === "null") {
    if (req.get("sec-fetch-site") !== "same-origin") return refuse(res);
    // Remix compares Origin with Host itself; the opaque "null" has been vouched for above.
    delete req.headers.origin;
    return next();
  }
  let sourceHost: string;
  try {
    sourceHost = new URL(source).host;
  } catch {
    return refuse(res);
  }
  if (sourceHost !== req.get("host")) return refuse(res);
  next();
}

function refuse(res: express.Response) {
  return res.status(403).type("text/plain").send("Cross-site request refused");
}

const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let noncePoolOffset = noncePool.length;

/**
 * 128 bits from the system's random source, never handed out twice. Drawn 4 KB at a
 * time: one call per request was a system call per page (as crypto.randomUUID batches).
 */
export function cspNonce(): string {
  if (noncePoolOffset === noncePool.length) {
    crypto.randomFillSync(noncePool);
    noncePoolOffset = 0;
  }
  const nonce = noncePool.toString("base64", noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}

/** Adds the cookies the request scope collected that the response does not carry already. */
function appendMissingCookies(res: express.Response, cookies: readonly string[]) {
  const present = ([] as Array<string | number>).concat(res.getHeader("Set-Cookie") ?? []).map(String);
  const missing = cookies.filter((cookie) => !present.includes(cookie));
  if (missing.length > 0) res.setHeader("Set-Cookie", [...present, ...missing]);
}

/**
 * The HTTP layer: security headers with a per-request CSP nonce, compression,
 * structured request logs, static assets, and Remix for everything else.
 */
export function createApp(build: ServerBuild, logger: Logger) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", parseEnv().TRUST_PROXY === "1" ? 1 : false);
  app.use(discardUnreadBodies);

  app.use((_req, res, next) => {
    res.locals.cspNonce = cspNonce();
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // The app is served over plain HTTP on localhost by `npm start`; HSTS belongs to the TLS proxy.
      strictTransportSecurity: false,
      // "no-referrer" would make browsers send `Origin: null` on our own form posts.
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  // Downloads, files and assets. Pages and loader data arrive gzipped already (entry.server.tsx,
  // compressed-response.server.ts): one synchronous call costs a tenth of this middleware's stream.
  app.use(compression());
  app.use(refuseCrossSiteMutations);
  app.use(refuseOversizedBodies);
  app.use(
    pinoHttp({
      logger,
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
      autoLogging: { ignore: (req) => req.url === "/healthz" || (req.url ?? "").startsWith("/build/") },
      serializers: {
        req: (req) => ({ method: req.method, url: req.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  // Fingerprinted build assets never change; everything else in public/ may. Only a path
  // naming a file (with an extension) is looked for on disk: a page request costs no stat.
  app.use("/build", express.static(path.join(PUBLIC_DIR, "build"), { immutable: true, maxAge: "1y" }));
  const publicFiles = express.static(PUBLIC_DIR, { maxAge: "1h" });
  app.use((req, res, next) => (FILE_NAME.test(req.path) ? publicFiles(req, res, next) : next()));

  // Every route's loader and action answer a UserError or a busy database in one place (app/errors.server.ts),
  // taken from the build so that it knows the build's own error classes.
  const entry = build.entry.module as { answerUserErrorsIn?: (build: ServerBuild) => ServerBuild };
  const handleWithRemix = createRequestHandler({
    build: entry.answerUserErrorsIn ? entry.answerUserErrorsIn(build) : build,
    mode: build.mode,
    getLoadContext: (req, res): TremplinLoadContext => ({
      cspNonce: res.locals.cspNonce as string,
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    }),
  });
  app.all("*", (req, res, next) =>
    runInRequestScope((scope) => {
      onHeaders(res, () => appendMissingCookies(res, scope.responseCookies));
      res.once("finish", () => responseSent(scope));
      return handleWithRemix(req, res, next);
    }),
  );
  return app;
}
