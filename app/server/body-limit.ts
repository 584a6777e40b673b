import type { IncomingMessage } from "node:http";
import type express from "express";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "../domain/constants.ts";
import { catalogs } from "../i18n/catalogs.ts";
import { FORM_BODY_LIMIT_BYTES } from "../schemas/form-data.ts";

/**
 * How much of a request body the app answered without reading (a form over
 * its limit, a refused upload, a route that takes no body) is still read and
 * dropped after the response, and for how long, before the connection is closed.
 * Up to these, the client gets our answer on a connection it can keep using
 * rather than a reset; beyond them, nobody can keep a worker busy reading.
 */
export const DISCARD_MAX_BYTES = 16 * 1024 * 1024;
export const DISCARD_MAX_MS = 5_000;
/**
 * A body declared longer than DISCARD_MAX_BYTES will never be read: after the
 * answer, only this much more is read (time for the answer to reach the
 * client, which a reset could otherwise destroy), then the connection closes.
 */
export const LINGER_MAX_BYTES = 1024 * 1024;
export const LINGER_MAX_MS = 1_000;

/** File uploads: the wizard's documents step, which streams them to disk under its own cap (app/storage/multipart.server.ts). */
const UPLOAD_PATH = /^\/founder\/applications\/[^/]+\/edit\/documents\/?$/;

function isUpload(req: express.Request): boolean {
  return req.method === "POST" && UPLOAD_PATH.test(req.path) && (req.get("content-type") ?? "").startsWith("multipart/form-data");
}

/**
 * Refuses, before reading a byte, a body declared longer than any form takes
 * (FORM_BODY_LIMIT_BYTES): a short translated 413 page, cheap enough that a
 * flood of huge posts costs the server next to nothing. Uploads are left to
 * their route, which answers in the wizard itself.
 */
export function refuseOversizedBodies(req: express.Request, res: express.Response, next: express.NextFunction) {
  const declared = Number(req.get("content-length") ?? 0);
  if (!(declared > FORM_BODY_LIMIT_BYTES) || isUpload(req)) return next();
  const locale = requestLocale(req);
  const copy = catalogs[locale].errors;
  const html =
    `<!doctype html><html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(copy.title413)} — Tremplin</title></head>` +
    `<body><main><p>413</p><h1>${escapeHtml(copy.title413)}</h1><p>${escapeHtml(copy.text413)}</p>` +
    `<p><a href="/">${escapeHtml(copy.backHome)}</a></p></main></body></html>`;
  res.status(413).type("html").send(html);
}

/** The language of a page answered before Remix: the language cookie, then Accept-Language, then French. */
export function requestLocale(req: express.Request): Locale {
  const cookie = /(?:^|;\s*)tremplin_lng=([^;]*)/.exec(req.get("cookie") ?? "")?.[1];
  if (cookie) {
    try {
      // Remix's unsigned cookie: base64 of the JSON value, URL-encoded.
      const value: unknown = JSON.parse(Buffer.from(decodeURIComponent(cookie), "base64").toString("utf8"));
      if (isLocale(value)) return value;
    } catch {
      // not ours: fall through
    }
  }
  for (const tag of (req.get("accept-language") ?? "").split(",")) {
    const language = tag.trim().split(/[-;]/)[0]?.toLowerCase();
    if (LOCALES.includes(language as Locale)) return language as Locale;
  }
  return DEFAULT_LOCALE;
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/**
 * Once a response is sent, whatever is left of its request body is read and
 * dropped — never buffered — up to DISCARD_MAX_BYTES or DISCARD_MAX_MS, then
 * the connection is closed. Without this, a body left unread (Remix's request
 * stream pauses once its small buffer is full) stalls the connection until Node
 * resets it, and the client never gets a clean answer.
 */
export function discardUnreadBodies(req: express.Request, res: express.Response, next: express.NextFunction) {
  res.once("finish", () => {
    if (!req.complete && !req.destroyed) discardRest(req);
  });
  next();
}

function discardRest(req: IncomingMessage) {
  const socket = req.socket;
  // A body longer than we would ever read: say we are done (FIN after the answer) and linger briefly.
  const hopeless = Number(req.headers["content-length"] ?? 0) > DISCARD_MAX_BYTES;
  const maxBytes = hopeless ? LINGER_MAX_BYTES : DISCARD_MAX_BYTES;
  let discarded = 0;
  const stop = () => {
    clearTimeout(timer);
    req.off("data", count);
  };
  const giveUp = () => {
    stop();
    // Only once our answer has left: a close with unread data resets the connection, and may take the answer with it.
    req.pause();
    if (socket.writableLength === 0) socket.destroy();
    else {
      socket.once("drain", () => socket.destroy());
      setTimeout(() => socket.destroy(), DISCARD_MAX_MS).unref();
    }
  };
  const count = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) giveUp();
  };
  const timer = setTimeout(giveUp, hopeless ? LINGER_MAX_MS : DISCARD_MAX_MS);
  if (hopeless) socket.end();
  // Whoever was buffering the body (Remix's request stream) stops receiving it.
  req.removeAllListeners("data");
  req.on("data", count);
  req.once("end", stop);
  req.once("close", stop);
  req.resume();
}
