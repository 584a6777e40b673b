// The pure rules of announcements (issue 18, app/domain/announcements.ts) and their shared form schema.
import { describe, expect, it } from "vitest";
import {
  ANNOUNCEMENTS_PER_HOUR,
  announcementFingerprint,
  announcementTextFor,
  freeRateSlot,
  missingHalf,
  parseStatuses,
  rateWindowOf,
  reachesApplication,
  statusesText,
  statusesToRead,
  uniqueRecipients,
  type AnnouncementTexts,
} from "~/domain/announcements.ts";
import { announcementSchema, audienceOf } from "~/schemas/announcement.ts";
import { issuesToErrors } from "~/schemas/form-data.ts";

const texts = (changes: Partial<AnnouncementTexts> = {}): AnnouncementTexts => ({
  subject: "Journée de démonstration",
  body: "Rendez-vous jeudi.",
  subjectEn: "",
  bodyEn: "",
  subjectAr: "",
  bodyAr: "",
  ...changes,
});

describe("the text a recipient reads", () => {
  const all = texts({ subjectEn: "Demo day", bodyEn: "See you on Thursday.", subjectAr: "يوم العرض", bodyAr: "نلتقي يوم الخميس." });

  it("is their saved language's when the admin wrote it", () => {
    expect(announcementTextFor(all, "fr")).toEqual({ locale: "fr", subject: "Journée de démonstration", body: "Rendez-vous jeudi." });
    expect(announcementTextFor(all, "en")).toEqual({ locale: "en", subject: "Demo day", body: "See you on Thursday." });
    expect(announcementTextFor(all, "ar")).toEqual({ locale: "ar", subject: "يوم العرض", body: "نلتقي يوم الخميس." });
  });

  it("falls back to French, the whole email with it, when their language was left empty (or blank)", () => {
    const frenchOnly = texts({ subjectAr: "  ", bodyAr: "\n" });
    expect(announcementTextFor(frenchOnly, "en")).toEqual({
      locale: "fr",
      subject: "Journée de démonstration",
      body: "Rendez-vous jeudi.",
    });
    expect(announcementTextFor(frenchOnly, "ar").locale).toBe("fr");
  });

  it("never takes half a translation", () => {
    expect(announcementTextFor(texts({ subjectEn: "Demo day" }), "en").locale).toBe("fr");
    expect(announcementTextFor(texts({ bodyEn: "See you." }), "en").locale).toBe("fr");
  });

  it("names the missing half of a translation", () => {
    expect(missingHalf("", "")).toBeNull();
    expect(missingHalf("Sujet", "Corps")).toBeNull();
    expect(missingHalf("Sujet", " ")).toBe("body");
    expect(missingHalf("", "Corps")).toBe("subject");
  });
});

describe("a call audience", () => {
  const released = new Date("2026-06-01T00:00:00Z");

  it("reaches an application by the status its team knows: a decision not released reads COMMITTEE", () => {
    expect(reachesApplication(["REJECTED"], { status: "REJECTED", decisionReleasedAt: released })).toBe(true);
    expect(reachesApplication(["REJECTED"], { status: "REJECTED", decisionReleasedAt: null })).toBe(false);
    expect(reachesApplication(["COMMITTEE"], { status: "REJECTED", decisionReleasedAt: null })).toBe(true);
    expect(reachesApplication(["COMMITTEE"], { status: "ACCEPTED", decisionReleasedAt: released })).toBe(false);
    expect(reachesApplication(["SUBMITTED", "DRAFT"], { status: "DRAFT", decisionReleasedAt: null })).toBe(true);
  });

  it("reads the committee's decisions too when COMMITTEE is chosen", () => {
    expect(statusesToRead(["SUBMITTED"])).toEqual(["SUBMITTED"]);
    expect(statusesToRead(["COMMITTEE", "DRAFT"])).toEqual(["DRAFT", "COMMITTEE", "ACCEPTED", "WAITLISTED", "REJECTED"]);
  });

  it("keeps its statuses as text, in the lifecycle's order, and reads them back", () => {
    expect(statusesText(["REJECTED", "SUBMITTED"])).toBe("SUBMITTED,REJECTED");
    expect(parseStatuses("SUBMITTED,REJECTED,NOPE")).toEqual(["SUBMITTED", "REJECTED"]);
    expect(parseStatuses("")).toEqual([]);
  });
});

describe("recipients", () => {
  const person = (id: string, name: string, active = true) => ({ id, name, email: `${id}@example.test`, locale: "fr", active });

  it("are each person once, active accounts only, by name", () => {
    const people = [person("b", "Yasmine"), person("a", "Ghita"), person("b", "Yasmine"), person("c", "Omar", false), person("d", "Ghita")];
    expect(uniqueRecipients(people).map((p) => p.id)).toEqual(["a", "d", "b"]);
  });
});

describe("the hourly limit", () => {
  it("counts in the hour of UTC (an hour of Casablanca's clock too) and says when the next one starts", () => {
    expect(rateWindowOf(new Date("2026-12-03T11:59:59.999Z"))).toEqual({ key: "2026-12-03T11", endsAt: new Date("2026-12-03T12:00:00Z") });
    expect(rateWindowOf(new Date("2026-12-03T12:00:00Z")).key).toBe("2026-12-03T12");
    expect(rateWindowOf(new Date("2026-12-31T23:30:00Z")).endsAt).toEqual(new Date("2027-01-01T00:00:00Z"));
  });

  it(`hands out ${ANNOUNCEMENTS_PER_HOUR} slots, the lowest free first, then none`, () => {
    expect(freeRateSlot([])).toBe(1);
    expect(freeRateSlot([1, 2])).toBe(3);
    // A deleted announcement (its cohort deleted) frees its slot.
    expect(freeRateSlot([1, 3])).toBe(2);
    expect(freeRateSlot([1, 2, 3, 4])).toBe(5);
    expect(freeRateSlot([1, 2, 3, 4, 5])).toBeNull();
  });
});

describe("the preview's fingerprint", () => {
  const audience = { kind: "cohort" as const, cohortId: "c1" };

  it("is the same for the same form, spaces around the texts aside", () => {
    expect(announcementFingerprint(audience, texts())).toBe(
      announcementFingerprint(audience, texts({ subject: " Journée de démonstration " })),
    );
    expect(announcementFingerprint(audience, texts())).toMatch(/^[0-9a-f]{8}$/);
  });

  it("changes with any text or the audience", () => {
    const base = announcementFingerprint(audience, texts());
    expect(announcementFingerprint(audience, texts({ bodyAr: "x", subjectAr: "y" }))).not.toBe(base);
    expect(announcementFingerprint({ kind: "cohort", cohortId: "c2" }, texts())).not.toBe(base);
    expect(announcementFingerprint({ kind: "call", callId: "c1", statuses: ["SUBMITTED"] }, texts())).not.toBe(base);
    expect(announcementFingerprint({ kind: "call", callId: "c1", statuses: ["SUBMITTED"] }, texts())).not.toBe(
      announcementFingerprint({ kind: "call", callId: "c1", statuses: ["SUBMITTED", "REVIEW"] }, texts()),
    );
  });
});

describe("the form's schema", () => {
  const valid = { audience: "cohort", cohortId: "c1", subject: "Sujet", body: "Corps" };
  const errorsOf = (value: Record<string, unknown>) => {
    const result = announcementSchema.safeParse(value);
    return result.success ? {} : issuesToErrors(result.error.issues);
  };

  it("accepts French alone, and names the audience", () => {
    const parsed = announcementSchema.parse(valid);
    expect(parsed).toMatchObject({ subjectEn: "", bodyEn: "", statuses: [] });
    expect(audienceOf(parsed)).toEqual({ kind: "cohort", cohortId: "c1" });
    expect(audienceOf(announcementSchema.parse({ ...valid, audience: "call", callId: "k", statuses: ["REVIEW", "REVIEW"] }))).toEqual({
      kind: "call",
      callId: "k",
      statuses: ["REVIEW"],
    });
  });

  it("refuses each missing piece on its own field, all at once", () => {
    expect(errorsOf({ audience: "call", subject: " ", body: "", subjectEn: "Only a subject", bodyAr: "فقط رسالة" })).toEqual({
      callId: "announcements.errors.callRequired",
      statuses: "errors.chooseAtLeastOne",
      subject: "announcements.errors.subjectRequired",
      body: "announcements.errors.bodyRequired",
      bodyEn: "announcements.errors.bodyMissing",
      subjectAr: "announcements.errors.subjectMissing",
    });
    expect(errorsOf({ ...valid, cohortId: "" })).toEqual({ cohortId: "announcements.errors.cohortRequired" });
    expect(errorsOf({ ...valid, audience: "everyone" })).toEqual({ audience: "announcements.errors.audienceRequired" });
  });

  it("bounds the subject and the body", () => {
    expect(errorsOf({ ...valid, subject: "x".repeat(201) })).toEqual({ subject: "errors.tooLong" });
    expect(errorsOf({ ...valid, subject: "x".repeat(200), body: "x".repeat(10_000) })).toEqual({});
    expect(errorsOf({ ...valid, subjectAr: "x", bodyAr: "x".repeat(10_001) })).toEqual({ bodyAr: "errors.tooLong" });
  });
});
