// The real argon2 cost, which every other test file lowers (tests/support/fast-password-hashing.ts).
import { describe, expect, it, vi } from "vitest";
import { hashPassword, verifyPassword } from "~/auth/password.server.ts";

vi.unmock("@node-rs/argon2");

describe("password hashing", () => {
  it("hashes with argon2id at OWASP's cost: 19 MiB, 2 passes, 1 lane", async () => {
    const hash = await hashPassword("souk-numerique-2026");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "souk-numerique-2026")).toBe(true);
    expect(await verifyPassword(hash, "souk-numerique-2027")).toBe(false);
  });
});
