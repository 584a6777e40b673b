import { describe, expect, it } from "vitest";
import { applicationDraftSchema, applicationSubmitSchema, consentSchema, projectFields, siteFields } from "~/schemas/application.ts";
import { FIELD_STEP, firstStepWithError, MAX_CO_FOUNDERS, stepOfField, TAGLINE_MAX } from "~/schemas/wizard-steps.ts";
import { formDataToObject, issuesToErrors, parseForm } from "~/schemas/form-data.ts";

const member = (n: number) => ({ name: `Member ${n}`, email: `member${n}@example.test`, role: "Co-founder" });

const VALID = {
  projectName: "Argane Solaire",
  tagline: "Solar-powered argan oil presses for rural cooperatives",
  problem: "Cooperatives press argan oil with diesel generators that are costly and polluting.",
  solution: "A modular solar press kit with battery storage, leased per litre pressed.",
  market: "About 500 argan cooperatives in Morocco, then shea and olive across West Africa.",
  traction: "Three pilot cooperatives.",
  stage: "PROTOTYPE",
  team: [{ name: "Amina El Idrissi", email: "Amina@Example.test", role: "CEO" }, member(2)],
  sector: "GREEN_TECH",
  preferredSiteId: "site-casablanca",
  alternateSiteId: "site-rabat",
  hasPitchDeck: true,
};

/** The submit schema's errors for the valid application with `changes` applied. */
function submitErrors(changes: Record<string, unknown>) {
  const result = applicationSubmitSchema.safeParse({ ...VALID, ...changes });
  return result.success ? {} : issuesToErrors(result.error.issues);
}

function draftErrors(value: unknown) {
  const result = applicationDraftSchema.safeParse(value);
  return result.success ? {} : issuesToErrors(result.error.issues);
}

describe("applicationSubmitSchema", () => {
  it("accepts a complete application, trimming text and lower-casing team emails", () => {
    const result = applicationSubmitSchema.safeParse({ ...VALID, projectName: "  Argane Solaire  " });
    expect(result.success).toBe(true);
    expect(result.data?.projectName).toBe("Argane Solaire");
    expect(result.data?.team[0].email).toBe("amina@example.test");
  });

  it("accepts a tagline of exactly the maximum length and no alternate site", () => {
    expect(submitErrors({ tagline: "x".repeat(TAGLINE_MAX), alternateSiteId: undefined })).toEqual({});
  });

  it.each([
    ["a tagline over 140 characters", { tagline: "x".repeat(TAGLINE_MAX + 1) }, { tagline: "errors.taglineTooLong" }],
    ["a too short tagline", { tagline: "Short" }, { tagline: "errors.textTooShort" }],
    ["a missing stage", { stage: undefined }, { stage: "errors.choose" }],
    ["an unknown stage", { stage: "UNICORN" }, { stage: "errors.choose" }],
    ["a missing sector", { sector: undefined }, { sector: "errors.choose" }],
    ["a missing preferred site", { preferredSiteId: undefined }, { preferredSiteId: "errors.choose" }],
    ["an empty preferred site", { preferredSiteId: "" }, { preferredSiteId: "errors.choose" }],
    ["a blank project name", { projectName: "   " }, { projectName: "errors.required" }],
    ["a too short problem", { problem: "Too short." }, { problem: "errors.textTooShort" }],
    ["an over-long solution", { solution: "x".repeat(4001) }, { solution: "errors.tooLong" }],
    ["a bad team email", { team: [VALID.team[0], { ...member(2), email: "not-an-email" }] }, { "team.1.email": "errors.emailInvalid" }],
    ["a team member without a role", { team: [{ ...member(1), role: "" }] }, { "team.0.role": "errors.required" }],
    ["no team", { team: [] }, { team: "errors.teamRequired" }],
    [
      "more than 6 team members",
      { team: Array.from({ length: MAX_CO_FOUNDERS + 2 }, (_, i) => member(i)) },
      { team: "errors.teamTooLarge" },
    ],
    ["no pitch deck", { hasPitchDeck: false }, { hasPitchDeck: "errors.pitchDeckRequired" }],
  ])("rejects %s with its field's key", (_label, changes, expected) => {
    expect(submitErrors(changes)).toEqual(expected);
  });

  it("accepts six team members, the founder and five co-founders", () => {
    expect(submitErrors({ team: Array.from({ length: MAX_CO_FOUNDERS + 1 }, (_, i) => member(i)) })).toEqual({});
  });

  it("rejects an alternate site equal to the preferred one", () => {
    expect(submitErrors({ alternateSiteId: VALID.preferredSiteId })).toEqual({ alternateSiteId: "errors.alternateSameAsPreferred" });
  });

  it("reports every invalid field at once", () => {
    expect(Object.keys(submitErrors({ tagline: "", stage: undefined, team: [] })).sort()).toEqual(["stage", "tagline", "team"]);
  });
});

describe("applicationDraftSchema", () => {
  it("accepts an empty draft and partial data", () => {
    expect(draftErrors({})).toEqual({});
    expect(draftErrors({ projectName: "Argane", stage: "", sector: "", team: [{ name: "Amina", email: "", role: "" }] })).toEqual({});
    expect(draftErrors({ tagline: "x".repeat(TAGLINE_MAX) })).toEqual({});
  });

  it("rejects over-long text and too many members even in a draft", () => {
    expect(draftErrors({ tagline: "x".repeat(TAGLINE_MAX + 1) })).toEqual({ tagline: "errors.taglineTooLong" });
    expect(draftErrors({ problem: "x".repeat(4001) })).toEqual({ problem: "errors.tooLong" });
    expect(draftErrors({ projectName: "x".repeat(121) })).toEqual({ projectName: "errors.tooLong" });
    expect(draftErrors({ team: [{ name: "x".repeat(121), email: "", role: "" }] })).toEqual({ "team.0.name": "errors.tooLong" });
    expect(draftErrors({ team: Array.from({ length: MAX_CO_FOUNDERS + 2 }, (_, i) => member(i)) })).toEqual({
      team: "errors.teamTooLarge",
    });
    expect(draftErrors({ preferredSiteId: "x".repeat(65) })).toHaveProperty("preferredSiteId");
  });

  it("reports an unknown stage or sector with a translatable key", () => {
    expect(draftErrors({ stage: "UNICORN", sector: "MINING" })).toEqual({ stage: "errors.choose", sector: "errors.choose" });
  });
});

describe("consentSchema", () => {
  it("needs the checkbox ticked", () => {
    expect(consentSchema.safeParse({ consent: "on" }).success).toBe(true);
    const refused = consentSchema.safeParse({});
    expect(refused.success ? {} : issuesToErrors(refused.error.issues)).toEqual({ consent: "errors.consentRequired" });
  });
});

describe("stepOfField and firstStepWithError", () => {
  it("maps each field, nested team paths included, to its wizard step", () => {
    expect(stepOfField("tagline")).toBe("project");
    expect(stepOfField("stage")).toBe("project");
    expect(stepOfField("team")).toBe("team");
    expect(stepOfField("team.2.email")).toBe("team");
    expect(stepOfField("alternateSiteId")).toBe("site");
    expect(stepOfField("hasPitchDeck")).toBe("documents");
    expect(stepOfField("consent")).toBe("review");
    expect(stepOfField("somethingElse")).toBe("review");
    expect(stepOfField("constructor")).toBe("review");
  });

  it("knows the step of every field the step schemas check (the page's own list, kept without zod)", () => {
    for (const field of Object.keys(projectFields)) expect({ field, step: FIELD_STEP[field] }).toEqual({ field, step: "project" });
    for (const field of Object.keys(siteFields)) expect({ field, step: FIELD_STEP[field] }).toEqual({ field, step: "site" });
    expect(
      Object.keys(FIELD_STEP)
        .filter((field) => FIELD_STEP[field] === "project" || FIELD_STEP[field] === "site")
        .sort(),
    ).toEqual([...Object.keys(projectFields), ...Object.keys(siteFields)].sort());
  });

  it("returns the earliest step in wizard order, whatever the order of the errors", () => {
    expect(firstStepWithError({})).toBeNull();
    expect(firstStepWithError({ consent: "x", hasPitchDeck: "x", sector: "x", "team.1.email": "x", stage: "x" })).toBe("project");
    expect(firstStepWithError({ consent: "x", hasPitchDeck: "x", sector: "x", "team.1.email": "x" })).toBe("team");
    expect(firstStepWithError({ consent: "x", hasPitchDeck: "x", preferredSiteId: "x" })).toBe("site");
    expect(firstStepWithError({ consent: "x", hasPitchDeck: "x" })).toBe("documents");
    expect(firstStepWithError({ consent: "x" })).toBe("review");
  });
});

describe("formDataToObject", () => {
  it("turns dotted team rows into an array of members and leaves files out", () => {
    const form = new FormData();
    form.append("projectName", "Argane");
    form.append("team.0.name", "Amina");
    form.append("team.0.email", "amina@example.test");
    form.append("team.1.name", "Karim");
    form.append("team.1.role", "CTO");
    form.append("pitchDeck", new File([new Uint8Array([1, 2, 3])], "deck.pdf"));
    expect(formDataToObject(form)).toEqual({
      projectName: "Argane",
      team: [
        { name: "Amina", email: "amina@example.test" },
        { name: "Karim", role: "CTO" },
      ],
    });
  });

  it("nests non-numeric segments as objects", () => {
    const form = new FormData();
    form.append("a.b", "1");
    form.append("a.c", "2");
    expect(formDataToObject(form)).toEqual({ a: { b: "1", c: "2" } });
  });

  it("feeds the schemas through parseForm, echoing values but never passwords", () => {
    const form = new FormData();
    form.append("tagline", "x".repeat(TAGLINE_MAX + 1));
    form.append("team.0.name", "x".repeat(121));
    form.append("team.0.email", "amina@example.test");
    form.append("team.0.role", "CEO");
    form.append("password", "secret-value");
    const parsed = parseForm(applicationDraftSchema, form);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({ tagline: "errors.taglineTooLong", "team.0.name": "errors.tooLong" });
    expect(parsed.values).not.toHaveProperty("password");
    expect(parsed.values["team.0.name"]).toHaveLength(121);
  });
});

describe("issuesToErrors", () => {
  it("keeps the first message per path and puts path-less issues under 'form'", () => {
    expect(
      issuesToErrors([
        { path: ["team", 1, "email"], message: "errors.emailInvalid" },
        { path: ["team", 1, "email"], message: "errors.tooLong" },
        { path: [], message: "errors.generic" },
      ]),
    ).toEqual({ "team.1.email": "errors.emailInvalid", form: "errors.generic" });
  });
});
