// Staff two-factor authentication's rules (issue 20, point 4), with time given: which codes a secret accepts when
// (RFC 6238: the step before and after the server's), a code accepted once only, a slightly old code called expired,
// what a typed code is, and backup codes' shape.
import { describe, expect, it } from "vitest";
import {
  BACKUP_CODE_ALPHABET,
  backupCodesFrom,
  codeKind,
  formatBackupCode,
  groupedSecret,
  judgeTotp,
  maySetUpSecondFactor,
  newTotpSecret,
  otpauthUri,
  secondFactorRequired,
  TOTP_PERIOD_S,
  totpCode,
  totpStep,
} from "~/domain/two-factor.ts";

// RFC 6238, appendix B: the SHA-1 test key "12345678901234567890" in base32, and its codes (last six digits).
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const at = (seconds: number) => new Date(seconds * 1000);
const stepMs = TOTP_PERIOD_S * 1000;

describe("TOTP codes (RFC 6238)", () => {
  it("computes the RFC's test vectors", () => {
    expect(totpCode(RFC_SECRET, at(59))).toBe("287082");
    expect(totpCode(RFC_SECRET, at(1111111109))).toBe("081804");
    expect(totpCode(RFC_SECRET, at(1234567890))).toBe("005924");
    expect(totpCode(RFC_SECRET, at(2000000000))).toBe("279037");
  });

  it("accepts the code of the current step and of the steps just before and after, telling which step it was", () => {
    const now = new Date(Date.UTC(2026, 11, 3, 9, 0, 10));
    const step = totpStep(now);
    for (const delta of [-1, 0, 1]) {
      const code = totpCode(RFC_SECRET, new Date(now.getTime() + delta * stepMs));
      expect(judgeTotp(RFC_SECRET, code, now, 0)).toEqual({ ok: true, step: step + delta });
    }
  });

  it("calls a code two to ten steps old expired, and older or unknown ones wrong", () => {
    const now = new Date(Date.UTC(2026, 11, 3, 9, 0, 10));
    expect(judgeTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(now.getTime() - 2 * stepMs)), now, 0)).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(judgeTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(now.getTime() - 10 * stepMs)), now, 0)).toEqual({
      ok: false,
      reason: "expired",
    });
    // (At this fixed time, neither code below equals one of the twelve recent steps': the verdicts are the rule's.)
    expect(judgeTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(now.getTime() - 60 * stepMs)), now, 0)).toEqual({
      ok: false,
      reason: "wrong",
    });
    expect(judgeTotp(RFC_SECRET, "000000", now, 0)).toEqual({ ok: false, reason: "wrong" });
    // Two steps ahead is not accepted either (a clock too far ahead is not a clock that drifted).
    expect(judgeTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(now.getTime() + 2 * stepMs)), now, 0)).toEqual({
      ok: false,
      reason: "wrong",
    });
  });

  it("refuses a code of the last accepted step or an earlier one as a replay", () => {
    const now = new Date(Date.UTC(2026, 11, 3, 9, 0, 10));
    const step = totpStep(now);
    const code = totpCode(RFC_SECRET, now);
    expect(judgeTotp(RFC_SECRET, code, now, step)).toEqual({ ok: false, reason: "replayed" });
    // The previous step's code, once a later step was used, is a replay too — not a second chance.
    const previous = totpCode(RFC_SECRET, new Date(now.getTime() - stepMs));
    expect(judgeTotp(RFC_SECRET, previous, now, step)).toEqual({ ok: false, reason: "replayed" });
    // A code older than the window is expired, used or not: waiting for the next code would not help it.
    const old = totpCode(RFC_SECRET, new Date(now.getTime() - 4 * stepMs));
    expect(judgeTotp(RFC_SECRET, old, now, step)).toEqual({ ok: false, reason: "expired" });
    // The next step's code is still good.
    expect(judgeTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(now.getTime() + stepMs)), now, step)).toEqual({ ok: true, step: step + 1 });
  });

  it("takes the code with spaces or a dash as people type it", () => {
    const now = new Date(Date.UTC(2026, 11, 3, 9, 0, 10));
    const code = totpCode(RFC_SECRET, now);
    expect(judgeTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now, 0).ok).toBe(true);
    expect(judgeTotp(RFC_SECRET, `${code.slice(0, 3)}-${code.slice(3)}`, now, 0).ok).toBe(true);
  });

  it("makes new secrets of 160 bits in base32, and the URI and text an app takes", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(otpauthUri(secret, "salma@tremplin.ma"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Tremplin");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(decodeURIComponent(uri.pathname)).toContain("salma@tremplin.ma");
    expect(groupedSecret("ABCDEFGHIJKL")).toBe("ABCD EFGH IJKL");
  });
});

describe("what a typed code is", () => {
  it("tells six digits, a backup code and anything else apart", () => {
    expect(codeKind("123456")).toBe("totp");
    expect(codeKind(" 123 456 ")).toBe("totp");
    expect(codeKind("abcde-fghjk")).toBe("backup");
    expect(codeKind("ABCDE FGHJK")).toBe("backup");
    expect(codeKind("12345")).toBe("malformed");
    expect(codeKind("1234567")).toBe("malformed");
    // Look-alike letters are not in the alphabet: such a code was mistyped.
    expect(codeKind("abcde-fghj0")).toBe("malformed");
    expect(codeKind("abcde-fghjl")).toBe("malformed");
    expect(codeKind("")).toBe("malformed");
  });

  it("makes ten backup codes of ten letters of the alphabet from random bytes, shown in two groups", () => {
    const bytes = Uint8Array.from({ length: 100 }, (_, i) => (i * 37 + 11) % 256);
    const codes = backupCodesFrom(bytes);
    expect(codes).toHaveLength(10);
    for (const code of codes) {
      expect(code).toHaveLength(10);
      expect([...code].every((c) => BACKUP_CODE_ALPHABET.includes(c))).toBe(true);
      expect(codeKind(code)).toBe("backup");
      expect(codeKind(formatBackupCode(code))).toBe("backup");
    }
    expect(new Set(codes).size).toBe(10);
    expect(formatBackupCode("abcdefghjk")).toBe("abcde-fghjk");
  });
});

describe("who has a second factor", () => {
  it("requires it of admins, offers it to reviewers, not to founders", () => {
    expect(secondFactorRequired(["ADMIN"])).toBe(true);
    expect(secondFactorRequired(["REVIEWER", "ADMIN"])).toBe(true);
    expect(secondFactorRequired(["REVIEWER"])).toBe(false);
    expect(maySetUpSecondFactor(["REVIEWER"])).toBe(true);
    expect(maySetUpSecondFactor(["ADMIN"])).toBe(true);
    expect(maySetUpSecondFactor(["FOUNDER"])).toBe(false);
  });
});
