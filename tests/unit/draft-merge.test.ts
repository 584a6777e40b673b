import { describe, expect, it } from "vitest";
import { mergeDraft, mergeField, parseBase, sameValue } from "~/domain/draft-merge.ts";

describe("mergeField: the three-way merge of one field of a shared draft", () => {
  it("writes what only this member changed", () => {
    expect(mergeField("Atlas", "Atlas Agritech", "Atlas")).toBe("write");
  });
  it("keeps what only another member changed, whatever this member's stale copy says", () => {
    expect(mergeField("Atlas", "Atlas", "Atlas Solar")).toBe("theirs");
  });
  it("sees the same change made by both as nothing to do", () => {
    expect(mergeField("Atlas", "Atlas Solar", "Atlas Solar")).toBe("same");
    expect(mergeField("Atlas", "Atlas", "Atlas")).toBe("same");
  });
  it("calls two different changes a conflict", () => {
    expect(mergeField("Atlas", "Atlas Agritech", "Atlas Solar")).toBe("conflict");
  });
  it("compares text as a form shows it (trimmed, null and empty alike) and team rows field by field", () => {
    expect(sameValue(null, "")).toBe(true);
    expect(sameValue(" Atlas ", "Atlas")).toBe(true);
    expect(sameValue([{ name: "Salma", email: "S@X.MA", role: "CEO" }], [{ name: "Salma ", email: "s@x.ma", role: "CEO" }])).toBe(true);
    expect(sameValue([{ name: "Salma", email: "s@x.ma", role: "CEO" }], [{ name: "Salma", email: "s@x.ma", role: "CTO" }])).toBe(false);
    expect(mergeField(null, "MVP", "")).toBe("write");
  });
});

describe("mergeField on the answers to a call's questions", () => {
  it("compares a multiple-choice answer's picks in any order, none picked as nothing", () => {
    expect(sameValue(["b", "a"], ["a", "b"])).toBe(true);
    expect(sameValue(["a"], ["a", "b"])).toBe(false);
    expect(sameValue([], null)).toBe(true);
    expect(sameValue([""], null)).toBe(true);
    expect(mergeField(["a"], ["a", "c"], ["b", "a"])).toBe("conflict");
    expect(mergeField(["a"], ["a"], ["a", "b"])).toBe("theirs");
    expect(mergeField(["b", "a"], ["a", "b", "c"], ["a", "b"])).toBe("write");
  });
  it("compares yes/no and numbers by value, a cleared answer as nothing", () => {
    expect(mergeField(true, false, true)).toBe("write");
    expect(mergeField(true, true, false)).toBe("theirs");
    expect(mergeField(null, false, true)).toBe("conflict");
    expect(mergeField(12, 12, 12)).toBe("same");
    expect(mergeField(12, 15, 20)).toBe("conflict");
    expect(mergeField(12, null, 12)).toBe("write");
    expect(sameValue(false, null)).toBe(false);
    expect(sameValue(0, null)).toBe(false);
  });
});

describe("mergeDraft", () => {
  it("merges every posted field against its base; a field without a base is written when it differs", () => {
    const stored = { projectName: "Atlas Solar", tagline: "Old", stage: "MVP", sector: null };
    const posted = { projectName: "Atlas", tagline: "New tagline", stage: "IDEA", sector: "GREEN_TECH" };
    const base = { projectName: "Atlas", tagline: "Old", stage: "PROTOTYPE" };
    expect(mergeDraft(posted, base, stored)).toEqual({ projectName: "theirs", tagline: "write", stage: "conflict", sector: "write" });
    expect(mergeDraft({ projectName: "Atlas Solar" }, null, stored)).toEqual({ projectName: "same" });
  });
  it("reads a posted base only when it is a JSON object", () => {
    expect(parseBase('{"projectName":"Atlas"}')).toEqual({ projectName: "Atlas" });
    for (const raw of [undefined, "", "not json", "[1,2]", "null", 3]) expect(parseBase(raw)).toBeNull();
  });
});
