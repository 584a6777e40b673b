import { describe, expect, it } from "vitest";
import { redactSecrets } from "~/email/outbox.server.ts";

describe("redactSecrets", () => {
  it("hides the secret part of one-time links from admins", () => {
    const payload = { name: "Salma", resetUrl: "https://tremplin.example/reset-password/s3cr3t-token", expiresAt: "2026-12-01T10:00:00Z" };
    const redacted = redactSecrets("password-reset", payload);
    expect(redacted.resetUrl).toBe("https://tremplin.example/reset-password/••••••");
    expect(JSON.stringify(redacted)).not.toContain("s3cr3t-token");
    expect(redacted.name).toBe("Salma");
    expect(payload.resetUrl).toContain("s3cr3t-token");
  });

  it("also hides reviewer invitation links and leaves other emails untouched", () => {
    expect(redactSecrets("reviewer-invitation", { setPasswordUrl: "https://x/invitation/abc" }).setPasswordUrl).toBe("https://x/invitation/••••••");
    const submitted = { applicationUrl: "https://x/founder/applications/abc" };
    expect(redactSecrets("application-submitted", submitted)).toEqual(submitted);
  });
});
