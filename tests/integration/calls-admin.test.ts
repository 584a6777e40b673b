// Call administration through the admin routes: creating a call and editing
// its settings (Casablanca wall times, validation), the rubric and its lock
// once a review exists, cohorts and their quotas, and the open → close →
// archive life of a call (closing takes submitted applications up for
// screening). Everything goes through the route actions as an admin; other
// roles are refused.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { action as callAction, loader as callLoader } from "~/routes/admin.calls.$id._index.tsx";
import { action as callsAction, loader as callsLoader } from "~/routes/admin.calls._index.tsx";
import { loader as publicCallLoader } from "~/routes/calls.$slug.tsx";
import { createSite, createOpenCall, DAY_MS } from "../support/intake-factories.ts";
import { createCandidate, createReleasedCandidate, json, signedIn } from "../support/enrollment-factories.ts";
import { assignReviewer, createReviewApplication, createReviewer, submitReview } from "../support/review-factories.ts";
import { expectFlashShownOnce, expectRedirectWithFlash } from "../support/flash.ts";
import { callRoute } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

type Reply = { intent: string; targetId: string | null; errors: Record<string, string>; message: string | null };

let adminCookie: string;
let adminId: string;
beforeAll(async () => {
  const admin = await signedIn("ADMIN");
  adminCookie = admin.cookie;
  adminId = admin.user.id;
});

// ---------------------------------------------------------------------------
// Form helpers

function settingsForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: "Appel Green Tech — Printemps 2027",
    description: "Incubation de projets verts dans les Technoparks du Royaume.",
    opensAt: "2026-12-01T10:00",
    closesAt: "2027-01-15T18:00",
    reviewersPerApplication: "2",
    blindReview: "on",
    interviewWeightPercent: "30",
    offerResponseDays: "7",
    ...overrides,
  };
}

function criterionForm(key: string, overrides: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = {
    key,
    weightPercent: "25",
    position: "0",
    "label.fr": `Critère ${key}`,
    "label.en": `Criterion ${key}`,
    "label.ar": `معيار ${key}`,
  };
  for (const locale of ["fr", "en", "ar"]) for (let i = 0; i < 5; i++) form[`anchors.${locale}.${i}`] = `${locale} ancre ${i + 1}`;
  return { ...form, ...overrides };
}

function cohortForm(siteId: string, overrides: Record<string, string> = {}): Record<string, string> {
  // The cohort form always posts the three quota inputs, empty when the sector has no quota.
  const quotas = { "quotas.NEW_TECH": "", "quotas.GREEN_TECH": "", "quotas.CULTURAL_INDUSTRIES": "" };
  return { siteId, name: "Promotion 2027", startsAt: "2027-03-01", capacity: "10", ...quotas, ...overrides };
}

/** Posts an intent to the call page's action as the admin (or with another cookie). */
async function post(callId: string, intent: string, form: Record<string, string> = {}, cookie: string | null = adminCookie) {
  return callRoute(callAction, { path: `/admin/calls/${callId}`, params: { id: callId }, cookie, form: { intent, ...form } });
}

/** A DRAFT call created through the index route; returns its id. */
async function createCallThroughRoute(overrides: Record<string, string> = {}): Promise<string> {
  const response = await callRoute(callsAction, { path: "/admin/calls", cookie: adminCookie, form: settingsForm(overrides) });
  expect(response.status).toBe(302);
  const location = response.headers.get("Location") ?? "";
  const id = /^\/admin\/calls\/([^/]+)$/.exec(location)?.[1];
  if (!id) throw new Error(`unexpected redirect ${location}`);
  return id;
}

// ---------------------------------------------------------------------------

describe("creating a call and editing its settings", () => {
  it("creates a DRAFT call from Casablanca wall times (10:00 in December is 09:00 UTC) and audits it", async () => {
    const id = await createCallThroughRoute({ title: "Appel Créatif — Fès 2027" });
    const call = await db.call.findUniqueOrThrow({ where: { id } });
    expect(call.status).toBe("DRAFT");
    expect(call.slug).toBe("appel-creatif-fes-2027");
    expect(call.opensAt.toISOString()).toBe("2026-12-01T09:00:00.000Z");
    expect(call.closesAt.toISOString()).toBe("2027-01-15T17:00:00.000Z");
    expect(call.reviewersPerApplication).toBe(2);
    expect(call.blindReview).toBe(true);
    expect(call.hasInterview).toBe(false);
    // Unticked: the discussions name reviewers by a letter.
    expect(call.showReviewerNames).toBe(false);
    // Unticked: the team's lead alone answers the seat offer.
    expect(call.anyMemberAnswersOffer).toBe(false);
    expect(call.interviewWeight).toBeCloseTo(0.3, 9);
    const event = await db.auditEvent.findFirstOrThrow({ where: { subjectId: id, type: "CALL_CREATED" } });
    expect(event.actorId).toBe(adminId);
    expect(event.toState).toBe("DRAFT");

    // The edit page gives the same wall times back.
    const page = await json<{ call: { settings: { opensAt: string; closesAt: string; anyMemberAnswersOffer: boolean } } }>(
      await callRoute(callLoader, { path: `/admin/calls/${id}`, params: { id }, cookie: adminCookie }),
    );
    expect(page.call.settings.opensAt).toBe("2026-12-01T10:00");
    expect(page.call.settings.closesAt).toBe("2027-01-15T18:00");
    expect(page.call.settings.anyMemberAnswersOffer).toBe(false);

    // A second call with the same title gets its own slug.
    const again = await createCallThroughRoute({ title: "Appel Créatif — Fès 2027" });
    expect((await db.call.findUniqueOrThrow({ where: { id: again } })).slug).toBe("appel-creatif-fes-2027-2");
  });

  it("updates settings in Casablanca time and refuses a deadline before the opening", async () => {
    const id = await createCallThroughRoute();
    const saved = await post(
      id,
      "settings",
      settingsForm({
        opensAt: "2026-12-10T08:30",
        closesAt: "2026-12-31T23:59",
        offerResponseDays: "10",
        hasInterview: "on",
        anyMemberAnswersOffer: "on",
        showReviewerNames: "on",
      }),
    );
    // Saved: the page is read again, the outcome said once by the flash.
    expect(await expectFlashShownOnce(saved, `/admin/calls/${id}`, { kind: "success", key: "account.saved" }, [adminCookie])).toBe(
      catalogs.fr.account.saved,
    );
    let call = await db.call.findUniqueOrThrow({ where: { id } });
    expect(call.opensAt.toISOString()).toBe("2026-12-10T07:30:00.000Z");
    expect(call.closesAt.toISOString()).toBe("2026-12-31T22:59:00.000Z");
    expect(call.offerResponseDays).toBe(10);
    expect(call.hasInterview).toBe(true);
    expect(call.anyMemberAnswersOffer).toBe(true);
    expect(call.showReviewerNames).toBe(true);
    expect(await db.auditEvent.count({ where: { subjectId: id, type: "CALL_UPDATED", actorId: adminId } })).toBe(1);
    // The edit page ticks the box it saved.
    const page = await json<{ call: { settings: { anyMemberAnswersOffer: boolean; showReviewerNames: boolean } } }>(
      await callRoute(callLoader, { path: `/admin/calls/${id}`, params: { id }, cookie: adminCookie }),
    );
    expect(page.call.settings.anyMemberAnswersOffer).toBe(true);
    expect(page.call.settings.showReviewerNames).toBe(true);

    for (const closesAt of ["2026-12-01T09:00", "2026-12-10T08:30"]) {
      const refused = await post(id, "settings", settingsForm({ opensAt: "2026-12-10T08:30", closesAt }));
      expect(refused.status).toBe(400);
      expect((await json<Reply>(refused)).errors).toEqual({ closesAt: "staffErrors.closesBeforeOpens" });
    }
    const badDate = await post(id, "settings", settingsForm({ opensAt: "1 décembre" }));
    expect(badDate.status).toBe(400);
    expect((await json<Reply>(badDate)).errors.opensAt).toBe("staffErrors.dateTimeInvalid");

    const created = await callRoute(callsAction, {
      path: "/admin/calls",
      cookie: adminCookie,
      form: settingsForm({ closesAt: "2026-11-30T10:00" }),
    });
    expect(created.status).toBe(400);
    expect((await json<Reply>(created)).errors).toEqual({ closesAt: "staffErrors.closesBeforeOpens" });

    call = await db.call.findUniqueOrThrow({ where: { id } });
    expect(call.opensAt.toISOString()).toBe("2026-12-10T07:30:00.000Z");
    expect(call.closesAt.toISOString()).toBe("2026-12-31T22:59:00.000Z");
    expect(await db.auditEvent.count({ where: { subjectId: id, type: "CALL_UPDATED" } })).toBe(1);
  });
});

describe("a call's texts in three languages", () => {
  type Shown = { text: string; lang: string; dir: string; inFrench: boolean };
  type PublicPage = { call: { title: Shown; description: Shown; eligibilityText: Shown | null; supportOffer: Shown | null } };
  const readPublicPage = async (slug: string, locale: "fr" | "en" | "ar") =>
    json<PublicPage>(
      await callRoute(publicCallLoader, { path: `/calls/${slug}`, params: { slug }, headers: { "Accept-Language": locale } }),
    );

  it("stores each translation (a blank one as missing) and gives every reader their language, or the French text marked", async () => {
    const id = await createCallThroughRoute({
      title: "Appel Tiznit — Industries culturelles",
      titleEn: "Tiznit call — Cultural industries",
      titleAr: "  ",
      description: "Incubation de projets culturels à Tiznit, de l'idée au premier client.",
      descriptionAr: "احتضان المشاريع الثقافية بتيزنيت، من الفكرة إلى أول زبون.",
      eligibilityText: "Équipes d'une à trois personnes.",
      supportOffer: "Douze mois d'accompagnement.",
      supportOfferEn: "Twelve months of support.",
      supportOfferAr: "اثنا عشر شهرا من المواكبة.",
    });
    const stored = await db.call.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({
      title: "Appel Tiznit — Industries culturelles",
      titleEn: "Tiznit call — Cultural industries",
      titleAr: null,
      descriptionEn: null,
      descriptionAr: "احتضان المشاريع الثقافية بتيزنيت، من الفكرة إلى أول زبون.",
      eligibilityText: "Équipes d'une à trois personnes.",
      eligibilityTextEn: null,
      eligibilityTextAr: null,
      supportOfferEn: "Twelve months of support.",
    });
    // The editor gets every text back, a missing translation as an empty field.
    const editor = await json<{ call: { settings: Record<string, string> } }>(
      await callRoute(callLoader, { path: `/admin/calls/${id}`, params: { id }, cookie: adminCookie }),
    );
    expect(editor.call.settings).toMatchObject({ titleEn: "Tiznit call — Cultural industries", titleAr: "", descriptionEn: "" });

    await db.call.update({ where: { id }, data: { status: "OPEN" } });
    const [fr, en, ar] = await Promise.all((["fr", "en", "ar"] as const).map((locale) => readPublicPage(stored.slug, locale)));
    expect(fr.call.title).toEqual({ text: stored.title, lang: "fr", dir: "ltr", inFrench: false });
    expect(en.call.title).toEqual({ text: "Tiznit call — Cultural industries", lang: "en", dir: "ltr", inFrench: false });
    expect(ar.call.title).toEqual({ text: stored.title, lang: "fr", dir: "ltr", inFrench: true });
    expect(en.call.description).toEqual({ text: stored.description, lang: "fr", dir: "ltr", inFrench: true });
    expect(ar.call.description).toEqual({ text: stored.descriptionAr, lang: "ar", dir: "rtl", inFrench: false });
    expect(ar.call.eligibilityText).toMatchObject({ text: "Équipes d'une à trois personnes.", inFrench: true });
    expect(ar.call.supportOffer).toMatchObject({ text: "اثنا عشر شهرا من المواكبة.", lang: "ar", inFrench: false });
    // A call without a support offer shows none.
    await db.call.update({ where: { id }, data: { supportOffer: "", supportOfferEn: null, supportOfferAr: null } });
    expect((await readPublicPage(stored.slug, "en")).call.supportOffer).toBeNull();
  });

  it("refuses a translation too short or a translation without its French original, each beside its field, changing nothing", async () => {
    const id = await createCallThroughRoute();
    const before = await db.call.findUniqueOrThrow({ where: { id } });
    const refused = await post(
      id,
      "settings",
      settingsForm({ titleEn: "ab", descriptionAr: "قصير", eligibilityTextEn: "Teams of one to three.", supportOfferAr: "مواكبة" }),
    );
    expect(refused.status).toBe(400);
    expect((await json<Reply>(refused)).errors).toEqual({
      titleEn: "errors.required",
      descriptionAr: "errors.textTooShort",
      eligibilityText: "errors.required",
      supportOffer: "errors.required",
    });
    expect(await db.call.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });
});

describe("opening, closing and archiving a call", () => {
  it("opens only with a rubric and at least one cohort, and audits the opening", async () => {
    const site = await createSite();
    const id = await createCallThroughRoute();

    const bare = await post(id, "open");
    expect(bare.status).toBe(409);
    expect((await json<Reply>(bare)).message).toBe("callAdmin.needsRubricAndCohort");

    expect((await post(id, "criterion", criterionForm("impact"))).status).toBe(302);
    const rubricOnly = await post(id, "open");
    expect(rubricOnly.status).toBe(409);
    expect((await json<Reply>(rubricOnly)).message).toBe("callAdmin.needsRubricAndCohort");

    // A cohort but no rubric is refused too.
    const other = await createCallThroughRoute();
    expect((await post(other, "cohort", cohortForm(site.id))).status).toBe(302);
    const cohortOnly = await post(other, "open");
    expect(cohortOnly.status).toBe(409);
    expect((await json<Reply>(cohortOnly)).message).toBe("callAdmin.needsRubricAndCohort");
    expect((await db.call.findUniqueOrThrow({ where: { id: other } })).status).toBe("DRAFT");

    expect((await db.call.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
    expect(await db.auditEvent.count({ where: { subjectId: id, type: "CALL_OPEN" } })).toBe(0);

    expect((await post(id, "cohort", cohortForm(site.id))).status).toBe(302);
    const opened = await post(id, "open");
    await expectRedirectWithFlash(opened, `/admin/calls/${id}`, { kind: "success", key: "callAdmin.changed.open" });
    expect((await db.call.findUniqueOrThrow({ where: { id } })).status).toBe("OPEN");
    const event = await db.auditEvent.findFirstOrThrow({ where: { subjectId: id, type: "CALL_OPEN" } });
    expect([event.actorId, event.fromState, event.toState]).toEqual([adminId, "DRAFT", "OPEN"]);

    // Opening an open call is not a change.
    const twice = await post(id, "open");
    expect(twice.status).toBe(409);
    expect((await json<Reply>(twice)).message).toBe("callAdmin.statusChangeNotAllowed");

    const unknown = await post(id, "explode");
    expect(unknown.status).toBe(400);
    expect((await json<Reply>(unknown)).message).toBe("staffErrors.formInvalid");
  });

  it("closing moves SUBMITTED applications to SCREENING (audited), leaves the others, and ends the deadline now", async () => {
    const site = await createSite();
    const call = await createOpenCall({ sites: [site], closesInDays: 5 });
    const submitted = [
      await createCandidate({ call, site, status: "SUBMITTED" }),
      await createCandidate({ call, site, status: "SUBMITTED" }),
    ];
    const draft = await createCandidate({ call, site, status: "DRAFT" });
    const inReview = await createCandidate({ call, site, status: "REVIEW" });
    const withdrawn = await createCandidate({ call, site, status: "WITHDRAWN" });

    // Archiving skips a step: refused while OPEN.
    const early = await post(call.id, "archive");
    expect(early.status).toBe(409);
    expect((await json<Reply>(early)).message).toBe("callAdmin.statusChangeNotAllowed");
    expect((await db.call.findUniqueOrThrow({ where: { id: call.id } })).status).toBe("OPEN");

    const before = Date.now();
    const closed = await post(call.id, "close");
    await expectRedirectWithFlash(closed, `/admin/calls/${call.id}`, { kind: "success", key: "callAdmin.changed.close" });
    const row = await db.call.findUniqueOrThrow({ where: { id: call.id } });
    expect(row.status).toBe("CLOSED");
    expect(row.closesAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.closesAt.getTime()).toBeLessThanOrEqual(Date.now());
    const closeEvent = await db.auditEvent.findFirstOrThrow({ where: { subjectId: call.id, type: "CALL_CLOSE" } });
    expect([closeEvent.actorId, closeEvent.fromState, closeEvent.toState]).toEqual([adminId, "OPEN", "CLOSED"]);

    for (const { application } of submitted) {
      const after = await db.application.findUniqueOrThrow({ where: { id: application.id } });
      expect(after.status).toBe("SCREENING");
      expect(after.version).toBe(application.version + 1);
      const events = await db.auditEvent.findMany({ where: { subjectId: application.id, type: "TRANSITION_startScreening" } });
      expect(events.map((e) => [e.fromState, e.toState, e.actorId])).toEqual([["SUBMITTED", "SCREENING", null]]);
    }
    for (const [{ application }, status] of [
      [draft, "DRAFT"],
      [inReview, "REVIEW"],
      [withdrawn, "WITHDRAWN"],
    ] as const) {
      expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe(status);
    }

    // Closing a closed call is refused; archiving a closed one is allowed once.
    expect((await post(call.id, "close")).status).toBe(409);
    const archived = await post(call.id, "archive");
    expect(archived.status).toBe(302);
    expect((await db.call.findUniqueOrThrow({ where: { id: call.id } })).status).toBe("ARCHIVED");
    const archiveEvent = await db.auditEvent.findFirstOrThrow({ where: { subjectId: call.id, type: "CALL_ARCHIVE" } });
    expect([archiveEvent.fromState, archiveEvent.toState]).toEqual(["CLOSED", "ARCHIVED"]);
    for (const change of ["archive", "close", "open"]) {
      const refused = await post(call.id, change);
      expect(refused.status).toBe(409);
      expect((await json<Reply>(refused)).message).toBe("callAdmin.statusChangeNotAllowed");
    }
  });

  it("a closed call whose deadline had already passed keeps its deadline; a DRAFT call cannot be closed or archived", async () => {
    const site = await createSite();
    const call = await createOpenCall({ sites: [site] });
    const deadline = new Date(Date.now() - 2 * DAY_MS);
    await db.call.update({ where: { id: call.id }, data: { closesAt: deadline } });
    expect((await post(call.id, "close")).status).toBe(302);
    expect((await db.call.findUniqueOrThrow({ where: { id: call.id } })).closesAt.toISOString()).toBe(deadline.toISOString());

    const draft = await createCallThroughRoute();
    for (const change of ["close", "archive"]) {
      const refused = await post(draft, change);
      expect(refused.status).toBe(409);
      expect((await json<Reply>(refused)).message).toBe("callAdmin.statusChangeNotAllowed");
    }
    expect((await db.call.findUniqueOrThrow({ where: { id: draft } })).status).toBe("DRAFT");
  });
});

describe("the rubric", () => {
  it("adds, edits and removes criteria until a review exists, then refuses every change", async () => {
    const site = await createSite();
    const call = await createOpenCall({ sites: [site] });

    expect((await post(call.id, "criterion", criterionForm("problem", { weightPercent: "40" }))).status).toBe(302);
    expect((await post(call.id, "criterion", criterionForm("team", { position: "1" }))).status).toBe(302);
    let criteria = await db.criterion.findMany({ where: { callId: call.id }, orderBy: { position: "asc" } });
    expect(criteria.map((c) => [c.key, c.weight])).toEqual([
      ["problem", 0.4],
      ["team", 0.25],
    ]);
    expect(JSON.parse(criteria[0].label)).toEqual({ fr: "Critère problem", en: "Criterion problem", ar: "معيار problem" });
    expect(JSON.parse(criteria[0].anchors).ar).toHaveLength(5);

    const clash = await post(call.id, "criterion", criterionForm("team"));
    expect(clash.status).toBe(409);
    expect((await json<Reply>(clash)).message).toBe("callAdmin.criterionKeyTaken");
    const badKey = await post(call.id, "criterion", criterionForm("Équipe"));
    expect(badKey.status).toBe(400);
    expect((await json<Reply>(badKey)).errors.key).toBe("staffErrors.keyInvalid");

    const team = criteria[1];
    expect(
      (await post(call.id, "criterion", criterionForm("team", { criterionId: team.id, weightPercent: "35", position: "1" }))).status,
    ).toBe(302);
    expect((await db.criterion.findUniqueOrThrow({ where: { id: team.id } })).weight).toBeCloseTo(0.35, 9);
    expect((await post(call.id, "criterion", criterionForm("market", { position: "2" }))).status).toBe(302);
    const market = await db.criterion.findFirstOrThrow({ where: { callId: call.id, key: "market" } });
    const removed = await post(call.id, "deleteCriterion", { criterionId: market.id });
    await expectRedirectWithFlash(removed, `/admin/calls/${call.id}`, { kind: "success", key: "callAdmin.criterionDeleted" });
    expect(await db.criterion.count({ where: { id: market.id } })).toBe(0);
    expect(
      await db.auditEvent.count({
        where: { subjectId: call.id, type: { in: ["CRITERION_ADDED", "CRITERION_UPDATED", "CRITERION_REMOVED"] } },
      }),
    ).toBe(5);

    // The first review, even an unsubmitted draft, locks the rubric.
    const { application } = await createReviewApplication({ call, site });
    const reviewer = await createReviewer();
    const assignment = await assignReviewer(application.id, reviewer.id);
    criteria = await db.criterion.findMany({ where: { callId: call.id }, orderBy: { position: "asc" } });
    await submitReview(
      assignment,
      criteria.map((c) => ({ id: c.id, key: c.key, weight: c.weight })),
      [4],
      { submit: false },
    );
    const page = await json<{ rubricLocked: boolean }>(
      await callRoute(callLoader, { path: `/admin/calls/${call.id}`, params: { id: call.id }, cookie: adminCookie }),
    );
    expect(page.rubricLocked).toBe(true);

    const attempts = [
      await post(call.id, "criterion", criterionForm("impact", { position: "3" })),
      await post(call.id, "criterion", criterionForm("team", { criterionId: team.id, weightPercent: "5", position: "1" })),
      await post(call.id, "deleteCriterion", { criterionId: criteria[0].id }),
    ];
    for (const refused of attempts) {
      expect(refused.status).toBe(409);
      expect((await json<Reply>(refused)).message).toBe("callAdmin.rubricLocked");
    }
    const after = await db.criterion.findMany({ where: { callId: call.id }, orderBy: { position: "asc" } });
    expect(after.map((c) => [c.id, c.key, c.weight])).toEqual(criteria.map((c) => [c.id, c.key, c.weight]));
    expect(
      await db.auditEvent.count({
        where: { subjectId: call.id, type: { in: ["CRITERION_ADDED", "CRITERION_UPDATED", "CRITERION_REMOVED"] } },
      }),
    ).toBe(5);
  });
});

describe("cohorts", () => {
  it("creates a cohort with sector quotas and refuses quotas that add up beyond the capacity", async () => {
    const site = await createSite();
    const id = await createCallThroughRoute();

    const over = await post(id, "cohort", cohortForm(site.id, { capacity: "10", "quotas.NEW_TECH": "6", "quotas.GREEN_TECH": "5" }));
    expect(over.status).toBe(400);
    expect((await json<Reply>(over)).errors).toEqual({ capacity: "staffErrors.quotasOverCapacity" });
    expect(await db.cohort.count({ where: { callId: id } })).toBe(0);

    const saved = await post(
      id,
      "cohort",
      cohortForm(site.id, { capacity: "10", "quotas.NEW_TECH": "6", "quotas.GREEN_TECH": "4", "quotas.CULTURAL_INDUSTRIES": "" }),
    );
    expect(saved.status).toBe(302);
    const cohort = await db.cohort.findFirstOrThrow({ where: { callId: id }, include: { quotas: true } });
    expect(cohort.capacity).toBe(10);
    expect(cohort.startsAt.toISOString()).toBe("2027-03-01T00:00:00.000Z");
    expect(Object.fromEntries(cohort.quotas.map((q) => [q.sector, q.seats]))).toEqual({ NEW_TECH: 6, GREEN_TECH: 4 });
    expect(await db.auditEvent.count({ where: { subjectId: id, type: "COHORT_ADDED", actorId: adminId } })).toBe(1);

    // Editing: an over-capacity edit changes nothing; a valid one replaces the quotas.
    const overEdit = await post(
      id,
      "cohort",
      cohortForm(site.id, { cohortId: cohort.id, capacity: "8", "quotas.NEW_TECH": "6", "quotas.GREEN_TECH": "4" }),
    );
    expect(overEdit.status).toBe(400);
    expect((await json<Reply>(overEdit)).errors).toEqual({ capacity: "staffErrors.quotasOverCapacity" });
    expect((await db.cohort.findUniqueOrThrow({ where: { id: cohort.id } })).capacity).toBe(10);

    const edit = await post(id, "cohort", cohortForm(site.id, { cohortId: cohort.id, capacity: "8", "quotas.CULTURAL_INDUSTRIES": "8" }));
    expect(edit.status).toBe(302);
    const edited = await db.cohort.findUniqueOrThrow({ where: { id: cohort.id }, include: { quotas: true } });
    expect(edited.capacity).toBe(8);
    expect(edited.quotas.map((q) => [q.sector, q.seats])).toEqual([["CULTURAL_INDUSTRIES", 8]]);

    const zero = await post(id, "cohort", cohortForm(site.id, { cohortId: cohort.id, capacity: "0" }));
    expect(zero.status).toBe(400);
    expect((await json<Reply>(zero)).errors.capacity).toBe("errors.numberInvalid");
  });

  it("refuses a second cohort at the same site of the call", async () => {
    const [site, other] = [await createSite(), await createSite()];
    const id = await createCallThroughRoute();
    expect((await post(id, "cohort", cohortForm(site.id, { name: "Casablanca A" }))).status).toBe(302);

    const twin = await post(id, "cohort", cohortForm(site.id, { name: "Casablanca B" }));
    expect(twin.status).toBe(409);
    expect((await json<Reply>(twin)).message).toBe("callAdmin.cohortSiteTaken");

    expect((await post(id, "cohort", cohortForm(other.id, { name: "Rabat" }))).status).toBe(302);
    const rabat = await db.cohort.findFirstOrThrow({ where: { callId: id, siteId: other.id } });
    // Moving the second cohort onto the first one's site is the same clash.
    const moved = await post(id, "cohort", cohortForm(site.id, { cohortId: rabat.id, name: "Rabat" }));
    expect(moved.status).toBe(409);
    expect((await json<Reply>(moved)).message).toBe("callAdmin.cohortSiteTaken");
    expect((await db.cohort.findMany({ where: { callId: id }, orderBy: { name: "asc" } })).map((c) => [c.name, c.siteId])).toEqual([
      ["Casablanca A", site.id],
      ["Rabat", other.id],
    ]);

    const nowhere = await post(id, "cohort", cohortForm("no-such-site", { name: "Nulle part" }));
    expect(nowhere.status).toBe(409);
    expect((await json<Reply>(nowhere)).message).toBe("errors.siteUnavailable");
  });

  it("counts the seats a confirmed allocation has promised, before their offers exist", async () => {
    const site = await createSite();
    const call = await createOpenCall({ sites: [site] });
    const cohort = await db.cohort.findFirstOrThrow({ where: { callId: call.id } });
    for (let i = 0; i < 2; i++) {
      const staged = await createCandidate({ call, site, status: "ACCEPTED", rank: i + 1 });
      await db.application.update({ where: { id: staged.application.id }, data: { allocatedCohortId: cohort.id } });
    }
    const form = (capacity: number) => cohortForm(site.id, { cohortId: cohort.id, name: cohort.name, capacity: String(capacity) });
    const below = await post(call.id, "cohort", form(1));
    expect(below.status).toBe(409);
    expect((await json<Reply>(below)).message).toBe("callAdmin.capacityBelowTaken");
    expect((await post(call.id, "cohort", form(2))).status).toBe(302);
  });

  it("refuses a capacity below the seats already taken by offers and enrolled founders", async () => {
    const site = await createSite();
    const call = await createOpenCall({ sites: [site] });
    const cohort = await db.cohort.findFirstOrThrow({ where: { callId: call.id } });
    const holders = [];
    for (let i = 0; i < 3; i++) holders.push(await createReleasedCandidate({ call, site, cohort, status: "ACCEPTED", rank: i + 1 }));
    // One of them enrolled: accepted offer and enrolled cohort.
    await db.offer.update({ where: { id: holders[0].offer!.id }, data: { status: "ACCEPTED" } });
    await db.application.update({ where: { id: holders[0].application.id }, data: { status: "ENROLLED", enrolledCohortId: cohort.id } });
    // A declined offer frees its seat.
    const gone = await createReleasedCandidate({ call, site, cohort, status: "ACCEPTED", rank: 9 });
    await db.offer.update({ where: { id: gone.offer!.id }, data: { status: "DECLINED" } });

    const form = (capacity: number) => cohortForm(site.id, { cohortId: cohort.id, name: cohort.name, capacity: String(capacity) });
    const below = await post(call.id, "cohort", form(2));
    expect(below.status).toBe(409);
    expect((await json<Reply>(below)).message).toBe("callAdmin.capacityBelowTaken");
    expect((await db.cohort.findUniqueOrThrow({ where: { id: cohort.id } })).capacity).toBe(10);

    expect((await post(call.id, "cohort", form(3))).status).toBe(302);
    expect((await db.cohort.findUniqueOrThrow({ where: { id: cohort.id } })).capacity).toBe(3);
  });
});

describe("who may manage calls", () => {
  it("answers 403 to founders and reviewers and 401 to anonymous posts, changing nothing", async () => {
    const site = await createSite();
    const id = await createCallThroughRoute();
    expect((await post(id, "criterion", criterionForm("impact"))).status).toBe(302);
    expect((await post(id, "cohort", cohortForm(site.id))).status).toBe(302);

    for (const role of ["FOUNDER", "REVIEWER"] as const) {
      const { cookie } = await signedIn(role);
      expect((await callRoute(callsLoader, { path: "/admin/calls", cookie })).status).toBe(403);
      expect((await callRoute(callsAction, { path: "/admin/calls", cookie, form: settingsForm({ title: "Appel pirate" }) })).status).toBe(
        403,
      );
      expect((await callRoute(callLoader, { path: `/admin/calls/${id}`, params: { id }, cookie })).status).toBe(403);
      for (const [intent, form] of [
        ["open", {}],
        ["settings", settingsForm({ title: "Titre pirate" })],
        ["criterion", criterionForm("hacked")],
        ["cohort", cohortForm(site.id, { name: "Cohorte pirate" })],
      ] as const) {
        expect((await post(id, intent, form, cookie)).status).toBe(403);
      }
    }
    const anonymous = await post(id, "open", {}, null);
    expect(anonymous.status).toBe(401);
    const anonymousPage = await callRoute(callLoader, { path: `/admin/calls/${id}`, params: { id } });
    expect(anonymousPage.status).toBe(302);
    expect(anonymousPage.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);

    const call = await db.call.findUniqueOrThrow({ where: { id }, include: { criteria: true, cohorts: true } });
    expect(call.status).toBe("DRAFT");
    expect(call.title).toBe("Appel Green Tech — Printemps 2027");
    expect(call.criteria.map((c) => c.key)).toEqual(["impact"]);
    expect(call.cohorts.map((c) => c.name)).toEqual(["Promotion 2027"]);
    expect(await db.call.count({ where: { title: "Appel pirate" } })).toBe(0);

    // An unknown call is a 404 for the admin.
    const missing = await post("no-such-call", "open");
    expect(missing.status).toBe(404);
  });
});
