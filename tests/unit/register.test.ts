// The register for the CNDP (issue 20): built from the configuration (app/domain/register.ts).
import { describe, expect, it } from "vitest";
import { CONSENT_PURPOSES } from "~/domain/consent.ts";
import { buildRegister, smtpHost, type RegisterConfiguration } from "~/domain/register.ts";

const config: RegisterConfiguration = {
  smtpUrl: "smtps://apikey:s3cret@smtp.mailer.example:465",
  mailFrom: "Tremplin <no-reply@tremplin.ma>",
  databaseProvider: "postgresql",
  calls: [{ title: "Cohorte 2027", retainRejectedMonths: 18, retainDraftMonths: 3 }],
  durations: { sessionDays: 30, staffIdleHours: 12, dataExportHours: 24, accessLogMonths: 24, followUpYears: 5 },
};

describe("buildRegister", () => {
  it("lists every consent purpose, each call's retention periods and the SMTP provider's host (never its credentials)", () => {
    const register = buildRegister(config);
    expect(register.purposes.map((p) => p.purpose)).toEqual([...CONSENT_PURPOSES]);
    expect(register.purposes.filter((p) => p.optional).map((p) => p.purpose)).toEqual(["FUTURE_CALLS", "PUBLIC_LIST"]);
    expect(register.retention).toContainEqual({ what: "rejected", period: { unit: "months", value: 18 }, call: "Cohorte 2027" });
    expect(register.retention).toContainEqual({ what: "drafts", period: { unit: "months", value: 3 }, call: "Cohorte 2027" });
    expect(register.recipients[0]).toEqual({ kind: "smtp", host: "smtp.mailer.example" });
    expect(JSON.stringify(register)).not.toContain("s3cret");
    expect(register.rights).toEqual(["access", "rectification", "erasure", "withdrawal"]);
  });

  it("says no email leaves the server when there is no SMTP server (the local mailbox)", () => {
    expect(buildRegister({ ...config, smtpUrl: undefined }).recipients[0]).toEqual({ kind: "mailbox", host: null });
    expect(smtpHost("not a url")).toBeNull();
  });
});
