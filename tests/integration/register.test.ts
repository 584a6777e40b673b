// The register for the CNDP (issue 20, point 7) as the admin's page builds it from the running configuration:
// each call's own retention periods, the consent purposes, the email provider (or the local mailbox).
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "~/config/env.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { loader } from "~/routes/admin.register.tsx";
import { createTestUser } from "../support/factories.ts";
import { createIntakeSetup } from "../support/intake-factories.ts";
import { callRoute } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

describe("the register page", () => {
  it("shows each call's retention periods as set, every purpose, and where emails go", async () => {
    const { call } = await createIntakeSetup();
    await db.call.update({ where: { id: call.id }, data: { retainRejectedMonths: 18, retainDraftMonths: 4 } });
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const page = (await (await callRoute(loader, { path: "/admin/register", cookie: await signIn(admin) })).json()) as {
      purposes: Array<{ purpose: string }>;
      retention: Array<{ what: string; call?: string; period: { unit: string; value: number } }>;
      recipients: Array<{ kind: string }>;
    };
    expect(page.purposes.map((p) => p.purpose)).toEqual(["SELECTION", "FOLLOW_UP", "FUTURE_CALLS", "PUBLIC_LIST"]);
    expect(page.retention).toContainEqual(
      expect.objectContaining({ what: "rejected", call: call.title, period: { unit: "months", value: 18 } }),
    );
    expect(page.retention).toContainEqual(
      expect.objectContaining({ what: "drafts", call: call.title, period: { unit: "months", value: 4 } }),
    );
    expect(page.recipients[0].kind).toBe(env().SMTP_URL ? "smtp" : "mailbox");
  });
});
