// The register of processing for the CNDP (issue 20, point 7; Morocco's law 09-08): purposes, data categories,
// retention periods, recipients and security measures, generated from the configuration rather than written by
// hand, so the register says what the running system does. Pure: the caller passes the configuration it read.
import { CONSENT_PURPOSES, OPTIONAL_PURPOSES, type ConsentPurpose } from "./consent.ts";

/** What the personal data are, by kind (each translated as register.categories.<key> with its examples). */
export const DATA_CATEGORIES = ["identity", "team", "project", "files", "evaluation", "followUp", "messages", "technical"] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** The categories each purpose processes. */
export const PURPOSE_CATEGORIES: Record<ConsentPurpose, readonly DataCategory[]> = {
  SELECTION: ["identity", "team", "project", "files", "evaluation", "messages"],
  FOLLOW_UP: ["identity", "team", "followUp", "messages"],
  FUTURE_CALLS: ["identity"],
  PUBLIC_LIST: ["project"],
};

export type RegisterConfiguration = {
  smtpUrl: string | undefined;
  mailFrom: string;
  databaseProvider: "sqlite" | "postgresql";
  calls: Array<{ title: string; retainRejectedMonths: number; retainDraftMonths: number }>;
  durations: {
    sessionDays: number;
    staffIdleHours: number;
    dataExportHours: number;
    accessLogMonths: number;
    followUpYears: number;
  };
};

export type RegisterRetention = { what: string; period: { unit: "months" | "days" | "hours" | "years"; value: number }; call?: string };

export type Register = {
  purposes: Array<{ purpose: ConsentPurpose; optional: boolean; categories: readonly DataCategory[] }>;
  categories: readonly DataCategory[];
  retention: RegisterRetention[];
  recipients: Array<{ kind: "smtp" | "mailbox" | "database" | "storage"; host: string | null }>;
  measures: readonly string[];
  rights: readonly string[];
};

/** The host an SMTP URL names (never its credentials), or null when it cannot be read. */
export function smtpHost(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** The security measures the code applies (each translated as register.measures.<key>). */
export const SECURITY_MEASURES = [
  "passwords",
  "sessions",
  "staffIdle",
  "crossSite",
  "rateLimits",
  "oneTimeLinks",
  "accessLog",
  "blindReview",
  "retention",
  "backups",
] as const;

/** How people exercise their rights in Tremplin itself (each translated as register.rights.<key>). */
export const DATA_RIGHTS = ["access", "rectification", "erasure", "withdrawal"] as const;

/** The register, from the configuration: one entry per purpose, per retention rule (each call's own), per recipient. */
export function buildRegister(config: RegisterConfiguration): Register {
  const d = config.durations;
  return {
    purposes: CONSENT_PURPOSES.map((purpose) => ({
      purpose,
      optional: (OPTIONAL_PURPOSES as readonly ConsentPurpose[]).includes(purpose),
      categories: PURPOSE_CATEGORIES[purpose],
    })),
    categories: DATA_CATEGORIES,
    retention: [
      ...config.calls.flatMap((call) => [
        { what: "rejected", period: { unit: "months" as const, value: call.retainRejectedMonths }, call: call.title },
        { what: "drafts", period: { unit: "months" as const, value: call.retainDraftMonths }, call: call.title },
      ]),
      { what: "followUp", period: { unit: "years", value: d.followUpYears } },
      { what: "sessions", period: { unit: "days", value: d.sessionDays } },
      { what: "staffIdle", period: { unit: "hours", value: d.staffIdleHours } },
      { what: "dataExports", period: { unit: "hours", value: d.dataExportHours } },
      { what: "accessLog", period: { unit: "months", value: d.accessLogMonths } },
    ],
    recipients: [
      config.smtpUrl ? { kind: "smtp", host: smtpHost(config.smtpUrl) } : { kind: "mailbox", host: null },
      { kind: "database", host: config.databaseProvider },
      { kind: "storage", host: null },
    ],
    measures: SECURITY_MEASURES,
    rights: DATA_RIGHTS,
  };
}
