import { describe, expect, it } from "vitest";
import { cspNonce } from "~/server/app.ts";

describe("the per-request CSP nonce (app/server/app.ts)", () => {
  it("is 128 random bits, never the same twice, across refills of its pool", () => {
    const nonces = Array.from({ length: 2000 }, () => cspNonce());
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64").byteLength).toBe(16);
    // Not a counter or a pattern: every byte value shows up across the nonces.
    const bytes = new Set(nonces.flatMap((nonce) => [...Buffer.from(nonce, "base64")]));
    expect(bytes.size).toBe(256);
  });
});
