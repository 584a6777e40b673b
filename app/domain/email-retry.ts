// When to try a failed email again (DESIGN.md §6). Pure: the worker applies it.

const MINUTE = 60_000;
/** Waits after the 1st, 2nd, … failed attempt; after the last one the email is dead-lettered. */
export const RETRY_DELAYS_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

export type SendFailure = { permanent: boolean; message: string };

export type RetryDecision = { status: "FAILED"; nextAttemptAt: Date } | { status: "DEAD" };

/**
 * After a failed attempt number `attempts` (1-based): a permanent rejection or
 * the last attempt goes to dead-letter; anything else waits and tries again.
 */
export function decideRetry(attempts: number, failure: SendFailure, now: Date): RetryDecision {
  if (failure.permanent || attempts >= MAX_ATTEMPTS) return { status: "DEAD" };
  const delay = RETRY_DELAYS_MS[Math.max(0, attempts - 1)];
  return { status: "FAILED", nextAttemptAt: new Date(now.getTime() + delay) };
}

/**
 * A template that cannot render its payload (a missing or invalid value) fails the
 * same way on every attempt: permanent, dead-lettered at once with its cause.
 */
export function classifyRenderError(error: unknown): SendFailure {
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { permanent: true, message: `Rendering failed: ${cause}` };
}

/**
 * SMTP 5xx replies about the message are permanent rejections; 4xx and network
 * errors are transient. A refused login (EAUTH, 530/535) is our configuration,
 * not the email's fault: it is retried so nothing dies while an admin fixes it.
 */
export function classifySmtpError(error: unknown): SendFailure {
  const { responseCode, message, code } = (error ?? {}) as { responseCode?: number; message?: string; code?: string };
  const authFailure = code === "EAUTH" || responseCode === 530 || responseCode === 535;
  const permanent = !authFailure && typeof responseCode === "number" && responseCode >= 500 && responseCode < 600;
  return { permanent, message: [code, message].filter(Boolean).join(": ") || String(error) };
}
