import crypto from "node:crypto";
import { db, type Tx } from "~/db/client.server.ts";
import type { TokenKind } from "~/domain/constants.ts";

export function hashToken(raw: string): string {
  return crypto.createHash("sha256").update(raw).digest("hex");
}

/** Issues a one-time token; only its hash is stored, the raw value goes in the emailed link. */
export async function issueToken(
  tx: Tx,
  userId: string,
  kind: TokenKind,
  ttlMs: number,
): Promise<{ id: string; raw: string; expiresAt: Date }> {
  const raw = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ttlMs);
  const { id } = await tx.token.create({ data: { userId, kind, tokenHash: hashToken(raw), expiresAt }, select: { id: true } });
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
