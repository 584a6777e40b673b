// The read cache (app/db/read-cache.server.ts): a value is reused only while
// nothing has committed, whoever commits — this process's Prisma client or
// another connection, as another server worker would be — on SQLite and on
// PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import { listCohortChoices } from "~/models/allocation.server.ts";
import { listOpenCalls, listSites } from "~/models/reference-data.server.ts";
import { commitThroughNewConnection, openOutsideReader } from "../support/database-faults.ts";
import { createCandidate, createDecisionCall, createSites } from "../support/enrollment-factories.ts";
import { closeCallDeadline, createOpenCall, createSite } from "../support/intake-factories.ts";

beforeAll(async () => {
  await dbReady;
});

function counter() {
  let reads = 0;
  return { read: async () => ++reads, count: () => reads };
}

describe("cachedUntilChange", () => {
  it("reads once while nothing commits", async () => {
    // On PostgreSQL the cache watches the whole server: another database's commit (another test file's)
    // moves its mark too, and costs a read. So the claim is checked over a window in which nothing
    // committed anywhere, as a connection of its own sees it (always the first on SQLite).
    const outside = await openOutsideReader();
    try {
      for (let attempt = 1; ; attempt++) {
        const before = await outside.commitMark();
        const source = counter();
        await cachedUntilChange(`test:quiet:${attempt}`, source.read);
        await db.site.findMany(); // a read is not a change
        const again = await cachedUntilChange(`test:quiet:${attempt}`, source.read);
        if ((await outside.commitMark()) !== before && attempt < 50) continue;
        expect({ again, reads: source.count() }).toEqual({ again: 1, reads: 1 });
        break;
      }
    } finally {
      await outside.close();
    }
  });

  it("reads again after a commit through Prisma", async () => {
    const source = counter();
    await cachedUntilChange("test:prisma", source.read);
    await createSite();
    expect(await cachedUntilChange("test:prisma", source.read)).toBe(2);
  });

  it("reads again after a commit by another connection (another worker, a script)", async () => {
    const source = counter();
    await cachedUntilChange("test:other", source.read);
    await commitThroughNewConnection();
    expect(await cachedUntilChange("test:other", source.read)).toBe(2);
  });

  it("does not remember a failed read", async () => {
    let attempts = 0;
    const flaky = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("database busy");
      return "ok";
    };
    await expect(cachedUntilChange("test:flaky", flaky)).rejects.toThrow("database busy");
    await Promise.resolve();
    expect(await cachedUntilChange("test:flaky", flaky)).toBe("ok");
  });
});

describe("cached catalog reads", () => {
  it("shows a site's new status at once", async () => {
    const site = await createSite({ status: "OPENING_SOON" });
    expect((await listSites()).find((s) => s.id === site.id)?.status).toBe("OPENING_SOON");
    await db.site.update({ where: { id: site.id }, data: { status: "OPEN" } });
    expect((await listSites()).find((s) => s.id === site.id)?.status).toBe("OPEN");
  });

  it("shows a cohort's free seats as they are after each seat taken or given back", async () => {
    const [site] = await createSites(1);
    const {
      call,
      cohorts: [cohort],
    } = await createDecisionCall({ cohorts: [{ site, capacity: 3 }] });
    const free = async () => (await listCohortChoices(call.id)).find((c) => c.id === cohort.id)?.free;
    expect(await free()).toBe(3);
    expect(await free()).toBe(3);
    const { application } = await createCandidate({ call, site, status: "ENROLLED" });
    await db.application.update({ where: { id: application.id }, data: { enrolledCohortId: cohort.id } });
    expect(await free()).toBe(2);
    await db.application.update({ where: { id: application.id }, data: { enrolledCohortId: null } });
    expect(await free()).toBe(3);
  });

  it("drops a call from the open calls when its deadline passes, though nothing committed since", async () => {
    const call = await createOpenCall({ sites: [await createSite()] });
    expect((await listOpenCalls("fr")).map((c) => c.slug)).toContain(call.slug);
    const afterDeadline = new Date(call.closesAt.getTime() + 1000);
    expect((await listOpenCalls("fr", afterDeadline)).map((c) => c.slug)).not.toContain(call.slug);
    await closeCallDeadline(call.id);
    expect((await listOpenCalls("fr")).map((c) => c.slug)).not.toContain(call.slug);
  });
});
