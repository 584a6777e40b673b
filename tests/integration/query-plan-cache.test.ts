// Query plans reused by shape (app/db/query-plan-cache.server.ts), through the app's own client on
// SQLite and on PostgreSQL: a query of a shape seen before is not compiled again, and gets exactly
// the rows its own values select — values of every kind, nulls, lists of other lengths, writes —
// while a shape whose plan depends on its value (`contains` builds its pattern at compile time) is
// compiled for every query.
import { QueryCompiler as PostgresQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";
import { QueryCompiler as SqliteQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { databaseProvider } from "~/db/database-url.ts";
import { parameterize, placeholderConversions, queryPlanCounts } from "~/db/query-plan-cache.server.ts";
import { createTestUser } from "../support/factories.ts";

const compilerClass = () => (databaseProvider() === "postgresql" ? PostgresQueryCompiler : SqliteQueryCompiler);

/** What `run` did to this process's plan counts: how many queries were compiled, how many reused a plan. */
async function counted<T>(run: () => Promise<T>): Promise<{ result: T; compiled: number; reused: number }> {
  const before = queryPlanCounts(compilerClass());
  const result = await run();
  const after = queryPlanCounts(compilerClass());
  return { result, compiled: after.compiled - before.compiled, reused: after.reused - before.reused };
}

beforeAll(async () => {
  await dbReady;
});

describe("a query of a shape seen before", () => {
  it("reuses the shape's plan and selects by its own values", async () => {
    const [ada, bob, cyd] = await Promise.all(["ada", "bob", "cyd"].map((name) => createTestUser({ name: `Plan ${name}` })));
    const byEmail = (email: string) => db.user.findMany({ where: { email }, select: { name: true } });
    expect((await counted(() => byEmail(ada.email))).result).toEqual([{ name: "Plan ada" }]);
    for (const user of [bob, cyd, ada]) {
      const { result, compiled, reused } = await counted(() => byEmail(user.email));
      expect({ result, compiled, reused }).toEqual({ result: [{ name: user.name }], compiled: 0, reused: 1 });
    }
  });

  it("binds integers, booleans, dates and lists of each length as the query wrote them", async () => {
    const users = await Promise.all([1, 2, 3].map((n) => createTestUser({ name: `Dated ${n}` })));
    const times = [Date.UTC(2020, 0, 1), Date.UTC(2021, 0, 1), Date.UTC(2022, 0, 1)];
    await Promise.all(users.map((user, index) => db.user.update({ where: { id: user.id }, data: { createdAt: new Date(times[index]) } })));
    const since = (time: number, active: boolean, take: number) =>
      db.user.findMany({
        where: { createdAt: { gte: new Date(time) }, active, name: { in: users.map((user) => user.name) } },
        orderBy: { createdAt: "asc" },
        take,
        select: { name: true },
      });
    await since(times[0], true, 10);
    const later = await counted(() => since(times[1], true, 10));
    expect(later).toEqual({ result: [{ name: "Dated 2" }, { name: "Dated 3" }], compiled: 0, reused: 1 });
    expect((await counted(() => since(times[2], true, 10))).result).toEqual([{ name: "Dated 3" }]);
    expect((await counted(() => since(times[0], false, 10))).result).toEqual([]);
    // Another length of the list is another shape, whose plan is checked too.
    const two = await counted(() =>
      db.user.findMany({ where: { name: { in: ["Dated 1", "Dated 3"] } }, orderBy: { name: "asc" }, select: { name: true } }),
    );
    expect(two.result).toEqual([{ name: "Dated 1" }, { name: "Dated 3" }]);
    const counts = await db.user.count({ where: { name: { in: users.map((user) => user.name) }, createdAt: { lt: new Date(times[2]) } } });
    expect(counts).toBe(2);
  });

  it("keeps a null test apart from a value test", async () => {
    const unverified = await createTestUser({ name: "Unverified one", verified: false });
    const verified = await createTestUser({ name: "Verified one" });
    const named = (verifiedAt: Date | null) =>
      db.user.findMany({ where: { emailVerifiedAt: verifiedAt, id: { in: [unverified.id, verified.id] } }, select: { id: true } });
    expect(await named(null)).toEqual([{ id: unverified.id }]);
    const at = (await db.user.findUniqueOrThrow({ where: { id: verified.id } })).emailVerifiedAt;
    expect(await named(at)).toEqual([{ id: verified.id }]);
    expect(await named(null)).toEqual([{ id: unverified.id }]);
  });

  it("writes each query's own values", async () => {
    const [first, second] = await Promise.all([createTestUser(), createTestUser()]);
    await db.user.update({ where: { id: first.id }, data: { name: "Renamed first", locale: "ar", active: false } });
    const { compiled, reused } = await counted(() =>
      db.user.update({ where: { id: second.id }, data: { name: "Renamed second", locale: "en", active: true } }),
    );
    expect({ compiled, reused }).toEqual({ compiled: 0, reused: 1 });
    const rows = await db.user.findMany({
      where: { id: { in: [first.id, second.id] } },
      select: { name: true, locale: true, active: true },
      orderBy: { name: "asc" },
    });
    expect(rows).toEqual([
      { name: "Renamed first", locale: "ar", active: false },
      { name: "Renamed second", locale: "en", active: true },
    ]);
  });
});

describe("a shape whose plan depends on its values", () => {
  it("is compiled for every query: `contains` puts its value into the SQL pattern", async () => {
    await Promise.all(["Alpha contains", "Beta contains"].map((name) => createTestUser({ name })));
    const containing = (text: string) => db.user.findMany({ where: { name: { contains: text } }, select: { name: true } });
    expect(await containing("Alpha")).toEqual([{ name: "Alpha contains" }]);
    const again = await counted(() => containing("Beta"));
    expect(again.result).toEqual([{ name: "Beta contains" }]);
    expect(again.reused).toBe(0);
  });

  it("fails the check: a plan with the value compiled into it is not a plan with a placeholder", () => {
    const { values } = parameterize({ modelName: "User", action: "findMany", query: { arguments: { where: { name: "x" } } } });
    const name = [...values.keys()][0];
    const placeholder = { prisma__type: "param", prisma__value: { name, type: "String" } };
    expect(placeholderConversions({ args: [placeholder] }, { args: ["x"] }, values)).toEqual(new Map([[name, "as-is"]]));
    expect(placeholderConversions({ sql: "%var%", args: [placeholder] }, { sql: "%x%", args: ["x"] }, values)).toBeUndefined();
    // A value that reaches no placeholder was decided on when the plan was compiled.
    expect(placeholderConversions({ args: [] }, { args: [] }, values)).toBeUndefined();
  });
});

describe("the shape of a query", () => {
  it("keeps what decides the SQL and replaces the values", () => {
    const { query, values } = parameterize({
      modelName: "User",
      action: "findMany",
      query: {
        arguments: {
          where: { email: "a@b.c", emailVerifiedAt: null, name: { contains: "x", mode: "insensitive" }, id: { in: ["1", "2"] } },
          orderBy: [{ createdAt: "desc" }],
          take: 5,
        },
        selection: { id: true, roles: { arguments: { where: { role: "ADMIN" } }, selection: { role: true } } },
      },
    });
    const param = (value: string) => ({ $type: "Param", value });
    expect(query).toEqual({
      modelName: "User",
      action: "findMany",
      query: {
        arguments: {
          where: {
            email: param("p0s"),
            emailVerifiedAt: null,
            name: { contains: param("p1s"), mode: "insensitive" },
            id: { in: [param("p2s"), param("p3s")] },
          },
          orderBy: [{ createdAt: "desc" }],
          take: 5,
        },
        selection: { id: true, roles: { arguments: { where: { role: param("p4s") } }, selection: { role: true } } },
      },
    });
    expect([...values]).toEqual([
      ["p0s", "a@b.c"],
      ["p1s", "x"],
      ["p2s", "1"],
      ["p3s", "2"],
      ["p4s", "ADMIN"],
    ]);
  });
});
