// What `npm start` does with the accounts (app/server/launch.server.ts): the demo, with
// a password generated per install, only in demo mode; in production no account at
// all, and a one-time link for the first admin (npm run admin:create).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server.ts";
import { demoPassword } from "~/config/env.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { resetPassword } from "~/models/password-reset.server.ts";
import { AdminAccountError, createAdminAccount, hasAdmin } from "~/ops/admin-account.server.ts";
import { prepareAccounts } from "~/server/launch.server.ts";
import { DEMO_ACCOUNTS } from "../../prisma/seed.ts";
import { migratedDatabase } from "../support/database-faults.ts";

const PUBLISHED_PASSWORD = "tremplin-demo-2026";
let tmp: string;

beforeAll(async () => {
  await dbReady;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tremplin-launch-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A migrated, empty database of its own (on the same server, on PostgreSQL). */
const emptyDatabase = migratedDatabase;

/** Starts on `client`; the install's demo secrets live beside `demoPasswordFile` (the authenticator's in demo-totp-secret). */
async function launch(client: typeof db, config: { DEMO_MODE: boolean; DEMO_PASSWORD?: string }, demoPasswordFile: string) {
  const lines: string[] = [];
  const demoTotpSecretFile = path.join(path.dirname(demoPasswordFile), "demo-totp-secret");
  await prepareAccounts(client, config, { log: (line) => lines.push(line), demoPasswordFile, demoTotpSecretFile });
  return lines.join("\n");
}

describe("a production start", () => {
  it("creates no account on an empty database and prints how to create the first admin", async () => {
    const passwordFile = path.join(tmp, "production", "demo-password");
    const output = await launch(db, { DEMO_MODE: false }, passwordFile);
    expect(await db.user.count()).toBe(0);
    expect(output).toContain("npm run admin:create -- --email");
    expect(output).not.toContain(PUBLISHED_PASSWORD);
    expect(fs.existsSync(passwordFile)).toBe(false);
    // Restarting changes nothing.
    await launch(db, { DEMO_MODE: false }, passwordFile);
    expect(await db.user.count()).toBe(0);
  });

  it("admin:create makes an admin without a password and a one-time link to choose it", async () => {
    const created = await createAdminAccount(
      db,
      { email: " Salma@Example.org ", name: "Salma Bennani" },
      { appUrl: "https://tremplin.example/" },
    );
    expect(created.created).toBe(true);
    const admin = await db.user.findUniqueOrThrow({ where: { email: "salma@example.org" }, include: { roles: true } });
    expect(admin.passwordHash).toBeNull();
    expect(admin.roles.map((r) => r.role)).toEqual(["ADMIN"]);
    expect(await hasAdmin(db)).toBe(true);
    expect(created.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);

    const match = /^https:\/\/tremplin\.example\/reset-password\/([\w-]{43})$/.exec(created.setPasswordUrl);
    expect(match).not.toBeNull();
    expect(await resetPassword(match![1], "a password of my own")).toBe(true);
    expect(await resetPassword(match![1], "someone else's password")).toBe(false);
    const chosen = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(await verifyPassword(chosen.passwordHash, "a password of my own")).toBe(true);

    // Once an admin exists, the start no longer asks for one.
    expect(await launch(db, { DEMO_MODE: false }, path.join(tmp, "unused"))).not.toContain("admin:create");
    // A second run for the same address issues a new link, without a second account.
    expect((await createAdminAccount(db, { email: "salma@example.org" }, { appUrl: "https://tremplin.example" })).created).toBe(false);
    expect(await db.user.count({ where: { email: "salma@example.org" } })).toBe(1);
    await expect(createAdminAccount(db, { email: "not an email", name: "X Y" }, { appUrl: "https://tremplin.example" })).rejects.toThrow(
      AdminAccountError,
    );
    await expect(createAdminAccount(db, { email: "new@example.org" }, { appUrl: "https://tremplin.example" })).rejects.toThrow(
      /needs a name/,
    );
  });
});

describe("a demo start", () => {
  it("seeds an empty database with a password generated for this install, kept in var/, and prints it", async () => {
    const first = await emptyDatabase("launch-demo");
    const other = await emptyDatabase("launch-demo-other");
    try {
      const passwordFile = path.join(tmp, "install-1", "var", "demo-password");
      const output = await launch(first.db, { DEMO_MODE: true }, passwordFile);
      const password = fs.readFileSync(passwordFile, "utf8");
      expect(password).toMatch(/^[\w-]{16}$/);
      expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(output).toContain(`password for all: ${password}`);
      for (const account of DEMO_ACCOUNTS) expect(output).toContain(account.email);
      expect(output).not.toContain(PUBLISHED_PASSWORD);

      const admin = await first.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS[0].email } });
      expect(await verifyPassword(admin.passwordHash, password)).toBe(true);
      // Admins must use two-step verification (issue 20): the demo admin's authenticator is this install's secret,
      // generated beside the password (owner-only) and printed with the logins.
      const totpFile = path.join(tmp, "install-1", "var", "demo-totp-secret");
      const totpSecret = fs.readFileSync(totpFile, "utf8");
      expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
      expect(fs.statSync(totpFile).mode & 0o777).toBe(0o600);
      expect(output).toContain(`add the secret ${totpSecret}`);
      expect(await first.db.twoFactor.findUniqueOrThrow({ where: { userId: admin.id } })).toMatchObject({
        secret: totpSecret,
        confirmedAt: expect.any(Date),
      });
      expect(await verifyPassword(admin.passwordHash, PUBLISHED_PASSWORD)).toBe(false);

      // A restart seeds nothing more and prints the same password.
      const users = await first.db.user.count();
      expect(await launch(first.db, { DEMO_MODE: true }, passwordFile)).toContain(`password for all: ${password}`);
      expect(await first.db.user.count()).toBe(users);

      // Another install gets another password; DEMO_PASSWORD (the end-to-end tests) replaces it.
      expect(demoPassword({ DEMO_MODE: true }, path.join(tmp, "install-2", "demo-password"))).not.toBe(password);
      const chosen = "e2e-known-password-42";
      expect(await launch(other.db, { DEMO_MODE: true, DEMO_PASSWORD: chosen }, path.join(tmp, "install-3", "demo-password"))).toContain(
        `password for all: ${chosen}`,
      );
      const otherAdmin = await other.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS[0].email } });
      expect(await verifyPassword(otherAdmin.passwordHash, chosen)).toBe(true);
      expect(fs.existsSync(path.join(tmp, "install-3", "demo-password"))).toBe(false);

      // The same database started in production mode is not seeded again, and says it holds the demo.
      expect(await launch(first.db, { DEMO_MODE: false }, passwordFile)).toMatch(/holds \d+ demo account/);
    } finally {
      await first.dispose();
      await other.dispose();
    }
  });

  it("has no demo password outside demo mode", () => {
    expect(() => demoPassword({ DEMO_MODE: false }, path.join(tmp, "never"))).toThrow(/only in demo mode/);
    expect(() => demoPassword({ DEMO_MODE: false, DEMO_PASSWORD: "e2e-known-password-42" }, path.join(tmp, "never"))).toThrow(
      /only in demo mode/,
    );
    expect(fs.existsSync(path.join(tmp, "never"))).toBe(false);
  });
});
