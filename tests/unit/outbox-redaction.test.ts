import { describe, expect, it } from "vitest";
import { redactRenderedSecrets, redactSecrets, secretLinks } from "~/email/outbox.server.ts";

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
    expect(redactSecrets("reviewer-invitation", { setPasswordUrl: "https://x/invitation/abc" }).setPasswordUrl).toBe(
      "https://x/invitation/••••••",
    );
    const submitted = { applicationUrl: "https://x/founder/applications/abc" };
    expect(redactSecrets("application-submitted", submitted)).toEqual(submitted);
  });
});

describe("redactRenderedSecrets", () => {
  it("replaces an email's one-time links in its rendered HTML and text, and any token-shaped link end", () => {
    const secret = "https://tremplin.example/reset-password/s3cr3t-token";
    const links = secretLinks("password-reset", { name: "Salma", resetUrl: secret });
    expect(links).toEqual([{ secret, redacted: "https://tremplin.example/reset-password/••••••" }]);
    const html = `<a href="${secret}">${secret}</a>`;
    expect(redactRenderedSecrets(html, links)).toBe(
      '<a href="https://tremplin.example/reset-password/••••••">https://tremplin.example/reset-password/••••••</a>',
    );

    const token = "A".repeat(21) + "-_" + "z9".repeat(10);
    expect(token).toHaveLength(43);
    expect(redactRenderedSecrets(`Lien : https://x/verify-email/${token}.`, [])).toBe("Lien : https://x/verify-email/••••••.");
    // Ordinary links (ids are shorter) are left alone.
    const ordinary = "https://x/founder/applications/cm0abcdefghijklmnopqrstuv";
    expect(redactRenderedSecrets(ordinary, [])).toBe(ordinary);
    expect(secretLinks("application-submitted", { applicationUrl: ordinary })).toEqual([]);
  });
});
