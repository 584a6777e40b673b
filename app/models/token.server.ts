import crypto from "node:crypto";
import { db, type Tx } from "~/db/client.server.ts";
import type { TokenKind } from "~/domain/constants.ts";

export function hashToken(raw: string): string {
  return crypto.createHash("sha256").update(raw).digest("hex");
}

/** A one-time secret for an emailed link: the raw value goes in the link, only its hash is stored. */
export function newOneTimeSecret(): { raw: string; hash: string } {
  const raw = crypto.randomBytes(32).toString("base64url");
  return { raw, hash: hashToken(raw) };
}

/** Issues a one-time token; only its hash is stored, the raw value goes in the emailed link. */
export async function issueToken(
  tx: Tx,
  userId: string,
  kind: TokenKind,
  ttlMs: number,
): Promise<{ id: string; raw: string; expiresAt: Date }> {
  const { raw, hash } = newOneTimeSecret();
  const expiresAt = new Date(Date.now() + ttlMs);
  const { id } = await tx.token.create({ data: { userId, kind, tokenHash: hash, expiresAt }, select: { id: true } });
  return { id, raw, expiresAt };
}

/** The user a still-valid, unused token belongs to, without using it up. */
export async function findValidToken(kind: TokenKind, raw: string) {
  return db.token.findFirst({
    where: { tokenHash: hashToken(raw), kind, usedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, userId: true },
  });
}

/** Uses a token up inside the caller's transaction; false if it was already used or expired. */
export async function consumeToken(tx: Tx, kind: TokenKind, raw: string): Promise<string | null> {
  const now = new Date();
  const token = await tx.token.findFirst({ where: { tokenHash: hashToken(raw), kind }, select: { id: true, userId: true } });
  if (!token) return null;
  const { count } = await tx.token.updateMany({
    where: { id: token.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1 ? token.userId : null;
}
