// What a second-factor code looks like (issue 20, point 4): six digits from an authenticator app, or a one-time
// backup code. Apart from the TOTP arithmetic (two-factor.ts) so that the forms' shared schema can check the format
// in the browser without shipping it.

export const BACKUP_CODE_COUNT = 10;
/** Lower-case letters and digits without look-alikes (no 0/o, 1/l/i): ten of them carry 50 bits. */
export const BACKUP_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const BACKUP_CODE_LENGTH = 10;

export type CodeKind = "totp" | "backup" | "malformed";

/** What was typed: six digits (spaces allowed) from the app, a backup code (dashes and spaces allowed), or neither. */
export function codeKind(input: string): CodeKind {
  const compact = input.replace(/[\s-]/g, "");
  if (/^\d{6}$/.test(compact)) return "totp";
  const normalized = normalizeBackupCode(input);
  if (normalized.length === BACKUP_CODE_LENGTH && [...normalized].every((c) => BACKUP_CODE_ALPHABET.includes(c))) return "backup";
  return "malformed";
}

export function normalizeTotp(input: string): string {
  return input.replace(/[\s-]/g, "");
}

export function normalizeBackupCode(input: string): string {
  return input.replace(/[\s-]/g, "").toLowerCase();
}

/** A backup code as shown once to its owner: two groups of five. */
export function formatBackupCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
