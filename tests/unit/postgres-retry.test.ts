import { describe, expect, it } from "vitest";
import { isSerializationFailure } from "~/db/postgres.server.ts";

describe("isSerializationFailure (a PostgreSQL transaction worth running again)", () => {
  it("knows Prisma's write-conflict error and PostgreSQL's SQLSTATEs, wherever the driver put them", () => {
    expect(isSerializationFailure({ code: "P2034" })).toBe(true);
    expect(isSerializationFailure({ code: "40001" })).toBe(true);
    expect(isSerializationFailure({ cause: { originalCode: "40P01" } })).toBe(true);
    expect(isSerializationFailure(new Error("x", { cause: new Error("could not serialize access due to concurrent update") }))).toBe(true);
    expect(isSerializationFailure(new Error("ERROR: deadlock detected"))).toBe(true);
  });

  it("leaves every other error to the caller", () => {
    expect(isSerializationFailure({ code: "P2002" })).toBe(false);
    expect(isSerializationFailure({ cause: { originalCode: "23505" } })).toBe(false);
    expect(isSerializationFailure(new Error("duplicate key value violates unique constraint"))).toBe(false);
    expect(isSerializationFailure(null)).toBe(false);
    expect(isSerializationFailure("40001")).toBe(false);
  });
});
