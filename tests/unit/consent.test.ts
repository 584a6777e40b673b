// Consent per purpose (issue 20): a consent's state as shown, and the changes a person's choice makes
// (app/domain/consent.ts).
import { describe, expect, it } from "vitest";
import { CONSENT_TEXT_VERSIONS, consentState, optionalConsentChanges, type StoredConsent } from "~/domain/consent.ts";

const at = new Date("2026-12-03T10:00:00Z");
const row = (purpose: string, overrides: Partial<StoredConsent> = {}): StoredConsent => ({
  purpose,
  textVersion: CONSENT_TEXT_VERSIONS.FUTURE_CALLS,
  givenAt: at,
  withdrawnAt: null,
  ...overrides,
});

describe("consentState", () => {
  it("tells never given, given to the current text or an older one, and withdrawn apart", () => {
    expect(consentState(null, "FUTURE_CALLS")).toEqual({ state: "NEVER" });
    expect(consentState(row("FUTURE_CALLS"), "FUTURE_CALLS")).toEqual({
      state: "GIVEN",
      at,
      textVersion: CONSENT_TEXT_VERSIONS.FUTURE_CALLS,
      current: true,
    });
    expect(consentState(row("FUTURE_CALLS", { textVersion: "2020-01-01" }), "FUTURE_CALLS")).toMatchObject({
      state: "GIVEN",
      current: false,
    });
    const withdrawnAt = new Date("2026-12-04T10:00:00Z");
    expect(consentState(row("FUTURE_CALLS", { withdrawnAt }), "FUTURE_CALLS")).toEqual({ state: "WITHDRAWN", at: withdrawnAt });
  });
});

describe("optionalConsentChanges", () => {
  it("changes only what differs from the stored state", () => {
    expect(optionalConsentChanges([], { FUTURE_CALLS: false, PUBLIC_LIST: false })).toEqual([]);
    expect(optionalConsentChanges([], { FUTURE_CALLS: true, PUBLIC_LIST: false })).toEqual([{ purpose: "FUTURE_CALLS", give: true }]);
    const stored = [row("FUTURE_CALLS"), row("PUBLIC_LIST", { withdrawnAt: at }), row("SELECTION")];
    expect(optionalConsentChanges(stored, { FUTURE_CALLS: true, PUBLIC_LIST: false })).toEqual([]);
    expect(optionalConsentChanges(stored, { FUTURE_CALLS: false, PUBLIC_LIST: true })).toEqual([
      { purpose: "FUTURE_CALLS", give: false },
      { purpose: "PUBLIC_LIST", give: true },
    ]);
  });
});
