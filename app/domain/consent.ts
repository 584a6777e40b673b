// Consent per purpose (issue 20, point 1). Pure: the purposes, which are required and for what, the version of
// each purpose's text, and a consent's state as a person is shown it.

/** Why Tremplin processes a person's data, each needing its own consent. */
export const CONSENT_PURPOSES = ["SELECTION", "FOLLOW_UP", "FUTURE_CALLS", "PUBLIC_LIST"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * Given as part of an act, never withdrawn on the account page: SELECTION when submitting an application (or
 * confirming one's place on a team), FOLLOW_UP when accepting a seat (enrolled teams are followed for 5 years).
 */
export const REQUIRED_PURPOSES: readonly ConsentPurpose[] = ["SELECTION", "FOLLOW_UP"];

/** Chosen freely on the account page, given and withdrawn at any time, effective at once. */
export const OPTIONAL_PURPOSES = ["FUTURE_CALLS", "PUBLIC_LIST"] as const satisfies readonly ConsentPurpose[];
export type OptionalPurpose = (typeof OPTIONAL_PURPOSES)[number];

/**
 * The version of each purpose's text (consent.purposes.<purpose>.text in the catalogs, the same meaning in the three
 * languages). A new wording gets a new version: a consent records the one its person agreed to.
 */
export const CONSENT_TEXT_VERSIONS: Record<ConsentPurpose, string> = {
  SELECTION: "2026-12-03",
  FOLLOW_UP: "2026-12-03",
  FUTURE_CALLS: "2026-12-03",
  PUBLIC_LIST: "2026-12-03",
};

export type StoredConsent = { purpose: string; textVersion: string; givenAt: Date; withdrawnAt: Date | null };

export type ConsentState =
  { state: "NEVER" } | { state: "GIVEN"; at: Date; textVersion: string; current: boolean } | { state: "WITHDRAWN"; at: Date };

/** A purpose's consent as its person is shown it: never given, given (to the current text or an older one), withdrawn. */
export function consentState(row: StoredConsent | null | undefined, purpose: ConsentPurpose): ConsentState {
  if (!row) return { state: "NEVER" };
  if (row.withdrawnAt) return { state: "WITHDRAWN", at: row.withdrawnAt };
  return { state: "GIVEN", at: row.givenAt, textVersion: row.textVersion, current: row.textVersion === CONSENT_TEXT_VERSIONS[purpose] };
}

export const isGiven = (row: StoredConsent | null | undefined) => Boolean(row && !row.withdrawnAt);

/** The changes that take a person's optional consents from what is stored to what they chose. */
export function optionalConsentChanges(
  stored: readonly StoredConsent[],
  chosen: Readonly<Record<OptionalPurpose, boolean>>,
): Array<{ purpose: OptionalPurpose; give: boolean }> {
  return OPTIONAL_PURPOSES.flatMap((purpose) => {
    const given = isGiven(stored.find((row) => row.purpose === purpose));
    return given === chosen[purpose] ? [] : [{ purpose, give: chosen[purpose] }];
  });
}
