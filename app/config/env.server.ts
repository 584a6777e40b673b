import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as z from "zod";
// Relative: prisma.config.ts loads this module without the app's path aliases.
import { newTotpSecret } from "../domain/two-factor.ts";
import { SUPERVISOR_DEFAULTS } from "./supervisor.ts";

/** Default embedded database, under the git-ignored var/ folder. */
export const DEFAULT_DATABASE_URL = "file:./var/tremplin.db";

const databaseUrlField = z
  .string()
  .regex(
    /^(file:|postgres(ql)?:\/\/)/,
    "DATABASE_URL must be a SQLite file: URL (file:./var/tremplin.db) or a PostgreSQL one (postgres://user:password@host:5432/tremplin)",
  )
  .default(DEFAULT_DATABASE_URL);

/**
 * DATABASE_URL alone, by the schema's own rule: the database client opens before
 * (and in scripts without) the rest of the configuration. Unset or empty: the default.
 */
const storageDirField = z.string().min(1).default("var/storage");

/** STORAGE_DIR alone, by the schema's rule, for the ops commands that need no other setting. */
export function storageDir(source: Readonly<Record<string, string | undefined>> = process.env): string {
  return path.resolve(storageDirField.parse(source.STORAGE_DIR || undefined));
}

export function databaseUrl(source: Readonly<Record<string, string | undefined>> = process.env): string {
  const result = databaseUrlField.safeParse(source.DATABASE_URL || undefined);
  if (!result.success) throw new Error(`Invalid configuration:\n  - DATABASE_URL: ${result.error.issues[0]?.message}`);
  return result.data;
}

export const DEV_SECRET_FILE = path.resolve("var/session-secret");

/**
 * A random secret generated on first use and kept in a file only its owner can
 * read (under the git-ignored var/ folder), so it stays the same across restarts.
 */
// `make`: how many random bytes (base64url), or how to make the secret (the demo authenticator's is base32).
export function localSecret(file: string, make: number | (() => string) = 32): string {
  if (fs.existsSync(file)) {
    const kept = fs.readFileSync(file, "utf8").trim();
    if (kept) return kept;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = typeof make === "number" ? crypto.randomBytes(make).toString("base64url") : make();
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * Outside production a session secret is generated once and kept in the
 * git-ignored var/ folder, so `npm start` needs no configuration and sessions
 * survive restarts.
 */
export function localSessionSecret(file = DEV_SECRET_FILE): string {
  return localSecret(file);
}

export const DEMO_PASSWORD_FILE = path.resolve("var/demo-password");

/**
 * The password of every demo account: DEMO_PASSWORD when set (the end-to-end tests),
 * else one generated at the first demo start of this install and kept in
 * var/demo-password — never a published one. Refused outside demo mode.
 */
export function demoPassword(config: { DEMO_MODE: boolean; DEMO_PASSWORD?: string }, file = DEMO_PASSWORD_FILE): string {
  if (!config.DEMO_MODE) throw new Error("The demo accounts exist only in demo mode (TREMPLIN_DEMO=on).");
  if (config.DEMO_PASSWORD !== undefined) {
    if (config.DEMO_PASSWORD.length < 12)
      throw new Error("Invalid configuration:\n  - DEMO_PASSWORD: DEMO_PASSWORD must be at least 12 characters");
    return config.DEMO_PASSWORD;
  }
  return localSecret(file, 12);
}

export const DEMO_TOTP_SECRET_FILE = path.resolve("var/demo-totp-secret");

/**
 * The secret of the demo admin's authenticator (issue 20: admins must use two-step verification): DEMO_TOTP_SECRET
 * when set (the end-to-end tests), else one generated at the first demo start of this install and kept in
 * var/demo-totp-secret, printed with the logins. Base32, what an authenticator app takes.
 */
export function demoTotpSecret(config: { DEMO_MODE: boolean; DEMO_TOTP_SECRET?: string }, file = DEMO_TOTP_SECRET_FILE): string {
  if (!config.DEMO_MODE) throw new Error("The demo accounts exist only in demo mode (TREMPLIN_DEMO=on).");
  return config.DEMO_TOTP_SECRET ?? localSecret(file, newTotpSecret);
}

/**
 * Demo mode (the README's quick start): `npm start` seeds the demo accounts into an
 * empty database and prints their logins, and the admin mailbox shows one-time links.
 * TREMPLIN_DEMO=on|off decides; unset, `npm start` runs the demo unless NODE_ENV=production
 * is set explicitly. Everything else (the server run directly, the tests) is in demo
 * mode only with TREMPLIN_DEMO=on.
 */
export function launcherDemoMode(source: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const value = source.TREMPLIN_DEMO?.trim();
  if (value === "on") return true;
  if (value === "off") return false;
  if (value) throw new Error(`Invalid configuration:\n  - TREMPLIN_DEMO: must be "on" or "off", got "${value}"`);
  return source.NODE_ENV !== "production";
}

const envVariables = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: databaseUrlField,
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  STORAGE_DIR: storageDirField,
  MAILBOX_DIR: z.string().min(1).default("var/mailbox"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().default("Tremplin <no-reply@tremplin.ma>"),
  APP_URL: z.string().url("APP_URL must be an absolute URL such as https://tremplin.example").optional(),
  /** HTTP worker processes; default one per core. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Each HTTP worker's JavaScript heap limit in MB (node's --max-old-space-size), when there are several workers. */
  WORKER_HEAP_MB: z.coerce.number().int().min(48).max(16_384).default(SUPERVISOR_DEFAULTS.WORKER_HEAP_MB),
  /** Node's own: read only so that heap flags an operator puts there are not overridden by WORKER_HEAP_MB. */
  NODE_OPTIONS: z.string().optional(),
  /** glibc's: the malloc arenas per process; the HTTP workers get 2 unless it is set (app/server/cluster.ts). */
  MALLOC_ARENA_MAX: z.coerce.number().int().min(1).max(1024).optional(),
  /** `1` behind one reverse proxy: rate limits then see the address it reports. */
  TRUST_PROXY: z.enum(["0", "1"], { error: 'TRUST_PROXY must be "1" (behind one reverse proxy) or "0"' }).default("0"),
  /** `off`: this server runs neither the outbox nor the scheduled jobs (`npm run worker` does). */
  OUTBOX_WORKER: z.enum(["on", "off"], { error: 'OUTBOX_WORKER must be "on" or "off"' }).default("on"),
  /** Set by the primary process for its workers (app/server/index.ts): the one worker that runs the background jobs. */
  TREMPLIN_BACKGROUND_JOBS: z.enum(["on", "off"]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Demo mode: see launcherDemoMode. Off unless set (`npm start` sets it). */
  TREMPLIN_DEMO: z.enum(["on", "off"], { error: 'TREMPLIN_DEMO must be "on" or "off"' }).default("off"),
  /** The demo accounts' password instead of the generated one (tests); demo mode only. */
  DEMO_PASSWORD: z.string().min(12, "DEMO_PASSWORD must be at least 12 characters").optional(),
  /** The demo admin's authenticator secret instead of the generated one (tests); demo mode only. */
  DEMO_TOTP_SECRET: z
    .string()
    .regex(/^[A-Z2-7]{16,}$/, "DEMO_TOTP_SECRET must be base32 (A-Z and 2-7), 16 characters or more")
    .optional(),
});

/** Every variable the server reads: app/ reads process.env nowhere else (tests/unit/env.test.ts checks). */
export const ENV_VARIABLES = Object.keys(envVariables.shape);

const envSchema = envVariables
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "SESSION_SECRET is required in production" });
    }
    if (env.DEMO_PASSWORD !== undefined && env.TREMPLIN_DEMO !== "on") {
      ctx.addIssue({ code: "custom", path: ["DEMO_PASSWORD"], message: "DEMO_PASSWORD applies only in demo mode (TREMPLIN_DEMO=on)" });
    }
    if (env.DEMO_TOTP_SECRET !== undefined && env.TREMPLIN_DEMO !== "on") {
      ctx.addIssue({
        code: "custom",
        path: ["DEMO_TOTP_SECRET"],
        message: "DEMO_TOTP_SECRET applies only in demo mode (TREMPLIN_DEMO=on)",
      });
    }
  })
  .transform((env) => ({
    ...env,
    DEMO_MODE: env.TREMPLIN_DEMO === "on",
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    STORAGE_DIR: path.resolve(env.STORAGE_DIR),
    MAILBOX_DIR: path.resolve(env.MAILBOX_DIR),
  }));

export type Env = Omit<z.infer<typeof envSchema>, "SESSION_SECRET"> & { SESSION_SECRET: string };

/**
 * Parses the environment, or explains every problem at once. Without SESSION_SECRET
 * (outside production) the secret generated into `options.sessionSecretFile`
 * (var/session-secret by default) is used.
 */
export function parseEnv(
  source: NodeJS.ProcessEnv = process.env,
  options: {
    sessionSecretFile?: string;
    /** A command that signs nothing (admin:create) needs no secret, and makes no file for one. */ signsNothing?: boolean;
  } = {},
): Env {
  // Without a secret to check, production's "SESSION_SECRET is required" does not apply.
  const unusedSecret = options.signsNothing && !source.SESSION_SECRET;
  const result = envSchema.safeParse(unusedSecret ? { ...source, SESSION_SECRET: "unused".repeat(6) } : source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  if (unusedSecret) return { ...result.data, SESSION_SECRET: "" };
  return { ...result.data, SESSION_SECRET: result.data.SESSION_SECRET ?? localSessionSecret(options.sessionSecretFile) };
}

/**
 * What `npm start` decides before anything reads the environment, written into this process's
 * environment so that every process it starts (the preparation step, the cluster's workers)
 * inherits it: demo mode unless NODE_ENV=production was set explicitly (decided before NODE_ENV
 * gets its default), NODE_ENV=production, and a local session secret kept in var/ when none is
 * given (real deployments set SESSION_SECRET). Returns the validated environment.
 */
export function prepareLauncherEnv(): Env {
  process.env.TREMPLIN_DEMO = launcherDemoMode(process.env) ? "on" : "off";
  process.env.NODE_ENV ??= "production";
  process.env.SESSION_SECRET ||= localSessionSecret();
  return parseEnv();
}

let cached: Env | undefined;
export function env(): Env {
  return (cached ??= parseEnv());
}
