// The local mailbox shows admins what was sent, but never a working one-time link
// (outside an explicit demo mode): reading a password-reset email there must not
// let an admin take the account over.
import crypto from "node:crypto";
import fs from "node:fs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SAMPLE_PAYLOADS } from "../../emails/render.tsx";
import { env } from "~/config/env.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import { mailboxTransport } from "~/email/transport.server.ts";
import { runOutboxOnce } from "~/email/worker.server.ts";
import { listMailbox, readMailboxEmail } from "~/models/mailbox.server.ts";

const token = () => crypto.randomBytes(32).toString("base64url");

beforeAll(async () => {
  await dbReady;
});

beforeEach(async () => {
  await db.outboxEmail.deleteMany();
  fs.rmSync(env().MAILBOX_DIR, { recursive: true, force: true });
});

/** Queues one email, lets the worker write it to the local mailbox, and returns its file name. */
async function deliver(template: "password-reset" | "reviewer-invitation", payload: Record<string, string>, to: string) {
  await db.$transaction((tx) =>
    enqueueEmail(tx, {
      to,
      template,
      locale: "fr",
      payload: { ...SAMPLE_PAYLOADS[template], ...payload },
      dedupeKey: `mailbox-test:${crypto.randomUUID()}`,
    } as never),
  );
  const transport = mailboxTransport(env().MAILBOX_DIR);
  try {
    expect(await runOutboxOnce({ transport })).toMatchObject({ sent: 1 });
  } finally {
    transport.close();
  }
  const [entry] = (await listMailbox()).filter((e) => e.to === to);
  return entry.file;
}

describe("the admin mailbox", () => {
  it("hides the secret of password-reset and invitation links, as the outbox does", async () => {
    expect(env().DEMO_MODE).toBe(false);
    const reset = token();
    const invitation = token();
    const resetFile = await deliver("password-reset", { resetUrl: `${env().APP_URL}/reset-password/${reset}` }, "victim@example.test");
    const inviteFile = await deliver(
      "reviewer-invitation",
      { setPasswordUrl: `${env().APP_URL}/invitation/${invitation}` },
      "juror@example.test",
    );

    for (const [file, secret, path, template] of [
      [resetFile, reset, "reset-password", "password-reset"],
      [inviteFile, invitation, "invitation", "reviewer-invitation"],
    ] as const) {
      const email = (await readMailboxEmail(file))!;
      expect(email.html).not.toContain(secret);
      expect(email.text).not.toContain(secret);
      expect(email.html).toContain(`${env().APP_URL}/${path}/••••••`);
      expect(email.text).toContain(`${env().APP_URL}/${path}/••••••`);
      // The rest of the email is still there to read.
      expect(email.subject.length).toBeGreaterThan(0);
      expect(email.text).toContain(SAMPLE_PAYLOADS[template].name);
    }
  });

  it("still hides a token-shaped link when the email's outbox row is gone", async () => {
    const reset = token();
    const file = await deliver("password-reset", { resetUrl: `${env().APP_URL}/reset-password/${reset}` }, "orphan@example.test");
    await db.outboxEmail.deleteMany();
    const email = (await readMailboxEmail(file))!;
    expect(`${email.html}\n${email.text}`).not.toContain(reset);
    expect(email.text).toContain("/reset-password/••••••");
  });

  it("shows the links only in an explicit demo mode", async () => {
    const reset = token();
    const file = await deliver("password-reset", { resetUrl: `${env().APP_URL}/reset-password/${reset}` }, "demo@example.test");
    const email = (await readMailboxEmail(file, { revealSecrets: true }))!;
    expect(email.html).toContain(`/reset-password/${reset}`);
    expect(email.text).toContain(`/reset-password/${reset}`);
  });
});
