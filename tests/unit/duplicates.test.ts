import { describe, expect, it } from "vitest";
import { projectNameKey } from "~/domain/duplicates.ts";

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
