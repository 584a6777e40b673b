import { describe, expect, it } from "vitest";
import { phoneKey, projectNameKey } from "~/domain/duplicates.ts";

describe("projectNameKey", () => {
  it("sets accents, case, spaces and punctuation aside", () => {
    expect(projectNameKey("Atlas Agri-Tech")).toBe(projectNameKey("atlas  agritech"));
    expect(projectNameKey("Énergie Solaire Oasis")).toBe(projectNameKey("energie-solaire oasis!"));
    expect(projectNameKey("Souk Numérique 2")).toBe("souknumerique2");
  });
  it("keeps names that differ in a letter or a digit apart", () => {
    expect(projectNameKey("Atlas Agritech")).not.toBe(projectNameKey("Atlas Agritek"));
    expect(projectNameKey("Souk 2")).not.toBe(projectNameKey("Souk 3"));
  });
  it("folds Arabic names too (their short vowels set aside) and leaves nothing for a name of punctuation", () => {
    expect(projectNameKey("سُوق رقمي")).toBe(projectNameKey("سوق  رقمي"));
    expect(projectNameKey(" — ! ")).toBe("");
  });
});

describe("phoneKey", () => {
  it("reads a Moroccan number the same with or without its country code, trunk zero, spaces and dashes", () => {
    const key = phoneKey("0612345678");
    expect(key).toBe("612345678");
    for (const written of ["+212 6 12-34-56-78", "00212612345678", "212612345678", "06.12.34.56.78"]) expect(phoneKey(written)).toBe(key);
  });
  it("keeps other numbers apart and gives nothing for too few digits", () => {
    expect(phoneKey("0612345679")).not.toBe(phoneKey("0612345678"));
    expect(phoneKey("12-34")).toBe("");
    expect(phoneKey("")).toBe("");
  });
});
