// The reviewer's queue is read off an index in its order, never sorted: a page of one status, and
// the assignments before and after one on the scoring page (what they return: review-pipeline.test.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { dbReady } from "~/db/client.server.ts";
import { queueNeighboursQuery, reviewerQueueQuery } from "~/models/review.server.ts";
import { hasSortStep, queryPlan } from "../support/database-faults.ts";

beforeAll(async () => {
  await dbReady;
});

describe("the reviewer queue's query plans", () => {
  it("reads a page of the queue in order off the reviewer, status and due-date index", async () => {
    for (const page of [1, 3]) {
      const query = reviewerQueueQuery("reviewer-id", "PENDING", page);
      const plan = await queryPlan(query.text, ...query.values);
      expect(hasSortStep(plan), plan).toBe(false);
      expect(plan).toContain("ReviewAssignment_reviewerId_status_dueAt_createdAt_id_idx");
    }
  });

  it("finds the previous and next assignments by reading the queue-order index, not sorting the queue", async () => {
    const query = queueNeighboursQuery("reviewer-id", "assignment-id");
    const plan = await queryPlan(query.text, ...query.values);
    expect(hasSortStep(plan), plan).toBe(false);
    // Each of the six nearest-neighbour lookups reads the index in queue order.
    expect(plan.match(/ReviewAssignment_reviewerId_dueAt_createdAt_id_idx/g)?.length ?? 0, plan).toBeGreaterThanOrEqual(6);
  });
});
