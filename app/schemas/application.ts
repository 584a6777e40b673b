// One schema module for the application wizard, shared by the form (browser)
// and the actions (server). Drafts accept partial data; submitting needs all.
// zod/mini, like auth.ts: the wizard ships it to the browser.
import * as z from "zod/mini";
import { PROJECT_STAGES, SECTORS } from "~/domain/constants.ts";
import { email, personName } from "./auth.ts";
import { MAX_CO_FOUNDERS, TAGLINE_MAX } from "./wizard-steps.ts";

const text = (...checks: Array<z.core.$ZodCheck<string>>) => z.string().check(z.trim(), ...checks);
const longText = (min: number) => text(z.minLength(min, "errors.textTooShort"), z.maxLength(4000, "errors.tooLong"));

export const teamMemberSchema = z.object({
  name: personName,
  email,
  role: text(z.minLength(2, "errors.required"), z.maxLength(80, "errors.tooLong")),
});

/** Every field of a complete application, grouped by wizard step. */
export const projectFields = {
  projectName: text(z.minLength(2, "errors.required"), z.maxLength(120, "errors.tooLong")),
  tagline: text(z.minLength(10, "errors.textTooShort"), z.maxLength(TAGLINE_MAX, "errors.taglineTooLong")),
  problem: longText(30),
  solution: longText(30),
  market: longText(30),
  traction: longText(10),
  stage: z.enum(PROJECT_STAGES, { error: "errors.choose" }),
};

export const teamFields = {
  team: z.array(teamMemberSchema).check(z.minLength(1, "errors.teamRequired"), z.maxLength(1 + MAX_CO_FOUNDERS, "errors.teamTooLarge")),
};

export const siteFields = {
  sector: z.enum(SECTORS, { error: "errors.choose" }),
  preferredSiteId: z.string({ error: "errors.choose" }).check(z.minLength(1, "errors.choose")),
  alternateSiteId: z.optional(z.string()),
};

const differentSites = (value: { preferredSiteId?: string; alternateSiteId?: string }) =>
  !value.alternateSiteId || value.alternateSiteId !== value.preferredSiteId;
const differentSitesIssue = { message: "errors.alternateSameAsPreferred", path: ["alternateSiteId"] };

export const projectStepSchema = z.object(projectFields);
export const teamStepSchema = z.object(teamFields);
export const siteStepSchema = z.object(siteFields).check(z.refine(differentSites, differentSitesIssue));

/** What a draft may hold: any subset, each field still within its bounds. */
const upTo = (max: number, message = "errors.tooLong") => text(z.maxLength(max, message));
export const applicationDraftSchema = z.partial(
  z.object({
    projectName: upTo(120),
    tagline: upTo(TAGLINE_MAX, "errors.taglineTooLong"),
    problem: upTo(4000),
    solution: upTo(4000),
    market: upTo(4000),
    traction: upTo(4000),
    stage: z.union([z.enum(PROJECT_STAGES), z.literal("")], { error: "errors.choose" }),
    team: z
      .array(
        z.object({
          // A row posted without one of its fields keeps the others.
          name: z._default(upTo(120), ""),
          email: z._default(upTo(254), ""),
          role: z._default(upTo(80), ""),
        }),
      )
      .check(z.maxLength(1 + MAX_CO_FOUNDERS, "errors.teamTooLarge")),
    sector: z.union([z.enum(SECTORS), z.literal("")], { error: "errors.choose" }),
    preferredSiteId: z.string().check(z.maxLength(64)),
    alternateSiteId: z.string().check(z.maxLength(64)),
  }),
);
export type ApplicationDraft = z.output<typeof applicationDraftSchema>;

/** The whole application as it must be to be submitted. */
export const applicationSubmitSchema = z
  .object({ ...projectFields, ...teamFields, ...siteFields, hasPitchDeck: z.literal(true, { error: "errors.pitchDeckRequired" }) })
  .check(z.refine(differentSites, differentSitesIssue));

export const consentSchema = z.object({ consent: z.literal("on", { error: "errors.consentRequired" }) });
