import { describe, expect, it } from "vitest";
import { classifySmtpError, decideRetry, MAX_ATTEMPTS, RETRY_DELAYS_MS } from "~/domain/email-retry.ts";

const MINUTE = 60_000;
const NOW = new Date("2026-11-14T10:00:00Z");
const transient = { permanent: false, message: "451: Try again later" };
const permanent = { permanent: true, message: "550: Mailbox unavailable" };

describe("decideRetry", () => {
  // Written out rather than read from RETRY_DELAYS_MS, so a change to the schedule must be deliberate.
  it.each([
    [1, 1 * MINUTE],
    [2, 5 * MINUTE],
    [3, 30 * MINUTE],
    [4, 2 * 60 * MINUTE],
    [5, 12 * 60 * MINUTE],
  ])("after failed attempt %i waits %i ms", (attempts, delay) => {
    expect(decideRetry(attempts, transient, NOW)).toEqual({ status: "FAILED", nextAttemptAt: new Date(NOW.getTime() + delay) });
  });

  it("gives up after the sixth attempt", () => {
    expect(MAX_ATTEMPTS).toBe(6);
    expect(RETRY_DELAYS_MS).toHaveLength(MAX_ATTEMPTS - 1);
    expect(decideRetry(MAX_ATTEMPTS, transient, NOW)).toEqual({ status: "DEAD" });
    expect(decideRetry(MAX_ATTEMPTS + 1, transient, NOW)).toEqual({ status: "DEAD" });
  });

  it("dead-letters a permanent rejection at once", () => {
    expect(decideRetry(1, permanent, NOW)).toEqual({ status: "DEAD" });
  });
});

describe("classifySmtpError", () => {
  /** The shape nodemailer gives SMTP errors. */
  const smtpError = (responseCode: number | undefined, code: string, message: string) =>
    Object.assign(new Error(message), { responseCode, code });

  it.each([550, 553, 554])("treats a %i reply as permanent", (responseCode) => {
    const failure = classifySmtpError(smtpError(responseCode, "EENVELOPE", `Message failed: ${responseCode} Mailbox unavailable`));
    expect(failure).toEqual({ permanent: true, message: `EENVELOPE: Message failed: ${responseCode} Mailbox unavailable` });
  });

  it.each([421, 450, 451, 452])("treats a %i reply as transient", (responseCode) => {
    expect(classifySmtpError(smtpError(responseCode, "EMESSAGE", "Try again later")).permanent).toBe(false);
  });

  it("treats network errors as transient, keeping their code in the message", () => {
    const refused = smtpError(undefined, "ESOCKET", "connect ECONNREFUSED 127.0.0.1:2525");
    expect(classifySmtpError(refused)).toEqual({ permanent: false, message: "ESOCKET: connect ECONNREFUSED 127.0.0.1:2525" });
    expect(classifySmtpError(smtpError(undefined, "ETIMEDOUT", "Connection timeout")).permanent).toBe(false);
  });

  it("copes with things that are not errors", () => {
    expect(classifySmtpError("socket hang up")).toEqual({ permanent: false, message: "socket hang up" });
    expect(classifySmtpError(undefined)).toEqual({ permanent: false, message: "undefined" });
  });
});

describe("classifySmtpError on a refused SMTP login", () => {
  it.each([535, 530])("retries a %i reply: our credentials, not the email, are wrong", (responseCode) => {
    expect(classifySmtpError({ responseCode, code: "EAUTH", message: "Invalid login" }).permanent).toBe(false);
  });
});
