// The wizard's conditional questions on screen (app/components/wizard/answers-check.ts): the founder's answers
// decide until the page's data says otherwise — data read again with the same keys keeps their decision.
import { describe, expect, it } from "vitest";
import { liveShownKeys } from "~/components/wizard/answers-check.ts";

describe("liveShownKeys", () => {
  const server = ["hasPlan"];
  const live = { from: server, shown: ["hasPlan", "businessPlan"] };

  it("keeps what the answers decided for the data they were decided on", () => {
    expect(liveShownKeys(live, server)).toEqual(["hasPlan", "businessPlan"]);
  });

  it("keeps it when the same data is read again (a new array, the same keys), as a revalidation landing mid-answer does", () => {
    expect(liveShownKeys(live, ["hasPlan"])).toEqual(["hasPlan", "businessPlan"]);
  });

  it("starts afresh from data that says otherwise", () => {
    expect(liveShownKeys(live, ["hasPlan", "businessPlan", "revenue"])).toEqual(["hasPlan", "businessPlan", "revenue"]);
    expect(liveShownKeys(live, [])).toEqual([]);
  });
});
