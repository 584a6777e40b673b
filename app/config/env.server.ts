import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as z from "zod";
import { DEFAULT_DATABASE_URL } from "~/db/database-url.ts";

const DEV_SECRET_FILE = path.resolve("var/session-secret");

/**
 * Outside production a session secret is generated once and kept in the
 * git-ignored var/ folder, so `npm start` needs no configuration and sessions
 * survive restarts.
 */
export function localSessionSecret(): string {
  if (fs.existsSync(DEV_SECRET_FILE)) return fs.readFileSync(DEV_SECRET_FILE, "utf8").trim();
  fs.mkdirSync(path.dirname(DEV_SECRET_FILE), { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(DEV_SECRET_FILE, secret, { mode: 0o600 });
  return secret;
}

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^file:/, "DATABASE_URL must be a SQLite file: URL, e.g. file:./var/tremplin.db")
      .default(DEFAULT_DATABASE_URL),
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
    STORAGE_DIR: z.string().min(1).default("var/storage"),
    MAILBOX_DIR: z.string().min(1).default("var/mailbox"),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
      .optional(),
    MAIL_FROM: z.string().default("Tremplin <no-reply@tremplin.ma>"),
    APP_URL: z.string().url("APP_URL must be an absolute URL such as https://tremplin.example").optional(),
    /** HTTP worker processes; default one per core. */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "SESSION_SECRET is required in production" });
    }
  })
  .transform((env) => ({
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? localSessionSecret(),
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    STORAGE_DIR: path.resolve(env.STORAGE_DIR),
    MAILBOX_DIR: path.resolve(env.MAILBOX_DIR),
  }));

export type Env = z.infer<typeof envSchema>;

/** Parses the environment, or explains every problem at once. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  return (cached ??= parseEnv());
}
