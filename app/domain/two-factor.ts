// Staff two-factor authentication (issue 20, point 4): what a code is worth at a given time. RFC 6238 TOTP (SHA-1,
// six digits, 30-second steps: what every authenticator app reads from a QR code), computed by otpauth. Pure: the
// time is always given, so tests move it.
import { Secret, TOTP } from "otpauth";
import type { Role } from "./constants.ts";
import { isStaff } from "./sessions.ts";
import { BACKUP_CODE_ALPHABET, BACKUP_CODE_COUNT, BACKUP_CODE_LENGTH, normalizeTotp } from "./two-factor-codes.ts";

export * from "./two-factor-codes.ts";

export const TOTP_PERIOD_S = 30;
/** A code of the step before or after the server's is accepted: clocks drift and people type slowly. */
export const TOTP_WINDOW = 1;
/** A code of an older step than that, back this many steps (5 minutes), is "expired" rather than merely wrong. */
const EXPIRED_LOOKBACK = 10;

/** A sign-in waiting for its second factor lasts this long and takes this many codes; then the password again. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
export const CHALLENGE_MAX_ATTEMPTS = 5;

/** Admins open and decide every application: a password alone never opens their account. */
export function secondFactorRequired(roles: readonly Role[]): boolean {
  return roles.includes("ADMIN");
}

/** Staff may set up an authenticator (admins must); founders' accounts are not offered one. */
export function maySetUpSecondFactor(roles: readonly Role[]): boolean {
  return isStaff(roles);
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = "Tremplin"): TOTP {
  return new TOTP({ issuer: "Tremplin", label, algorithm: "SHA1", digits: 6, period: TOTP_PERIOD_S, secret: Secret.fromBase32(secret) });
}

/** The URI an authenticator app reads from the QR code (Key Uri Format): the issuer, the account, the secret. */
export function otpauthUri(secret: string, accountEmail: string): string {
  return totp(secret, accountEmail).toString();
}

/** The 30-second step `now` falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_S);
}

/** The code an authenticator shows at `now` (tests and the demo's helper use it; the server only checks codes). */
export function totpCode(secret: string, now: Date): string {
  return totp(secret).generate({ timestamp: now.getTime() });
}

/** The secret in groups of four, as people copy it into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** Ten random values (0–255 each, BACKUP_CODE_LENGTH per code) made into codes; the randomness comes from outside. */
export function backupCodesFrom(bytes: Uint8Array): string[] {
  const codes: string[] = [];
  for (let i = 0; i + BACKUP_CODE_LENGTH <= bytes.length && codes.length < BACKUP_CODE_COUNT; i += BACKUP_CODE_LENGTH) {
    // 256 is not a multiple of the alphabet's 31 letters: the slight bias costs far less than a bit of the 50.
    codes.push(
      [...bytes.slice(i, i + BACKUP_CODE_LENGTH)].map((byte) => BACKUP_CODE_ALPHABET[byte % BACKUP_CODE_ALPHABET.length]).join(""),
    );
  }
  return codes;
}

export type TotpVerdict = { ok: true; step: number } | { ok: false; reason: "replayed" | "expired" | "wrong" };

/**
 * What a six-digit code is worth at `now` for a secret whose last accepted step is `lastUsedStep`: accepted (and the
 * step it belongs to, which becomes the last used one); within the window but of the last accepted step or one before
 * it, a replay (RFC 6238 §5.2: a verifier must not accept a code twice); of a step a little older than the window,
 * expired (whether or not it was used: it would be refused anyway); or simply wrong.
 */
export function judgeTotp(secret: string, code: string, now: Date, lastUsedStep: number): TotpVerdict {
  const token = normalizeTotp(code);
  const current = totpStep(now);
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: TOTP_WINDOW });
  if (delta !== null) {
    const step = current + delta;
    return step > lastUsedStep ? { ok: true, step } : { ok: false, reason: "replayed" };
  }
  for (let back = TOTP_WINDOW + 1; back <= EXPIRED_LOOKBACK; back += 1) {
    const step = current - back;
    if (totp(secret).generate({ timestamp: step * TOTP_PERIOD_S * 1000 }) === token) {
      return { ok: false, reason: "expired" };
    }
  }
  return { ok: false, reason: "wrong" };
}
