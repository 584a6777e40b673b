// Teams that apply together (issue 16): invitations (hashed one-time links, expiry, reuse, revocation,
// resend limits, team size), acceptance into one application per call (also when the competing requests
// run at once), the member's access to the shared draft, the roster guard, consent gating Submit, and the
// seat offer the whole team sees and its lead (or, if the call says so, any member) answers.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { UserError } from "~/domain/errors.ts";
import { INVITATION_MAX_SENDS, INVITATION_TTL_MS } from "~/domain/team.ts";
import {
  getFounderApplication,
  readStepChanges,
  saveDraft,
  saveDraftFromForm,
  startOrResumeApplication,
  submitApplication,
} from "~/models/application.server.ts";
import {
  acceptTeamInvitation,
  confirmMembership,
  declineTeamInvitation,
  findTeamInvitation,
  inviteTeamMember,
  readTeam,
  resendTeamInvitation,
  revokeTeamInvitation,
  saveMemberProfile,
  leaveTeam,
  transferLead,
} from "~/models/team.server.ts";
import { releaseDecisions } from "~/models/allocation.server.ts";
import { expireOffers, getFounderOffer, remindOffers, respondToOffer } from "~/models/offer.server.ts";
import { action as offerAction, loader as offerLoader } from "~/routes/founder.applications.$id.offer.tsx";
import type { Locale } from "~/domain/constants.ts";
import { createTestUser } from "../support/factories.ts";
import { createApplication, createIntakeSetup, DAY_MS, pdfBuffer } from "../support/intake-factories.ts";
import { addAttachment } from "~/models/attachment.server.ts";
import { readAnswers, readQuestionnaire, saveEligibilityRule, saveQuestion, writeAnswers } from "~/models/call-questions.server.ts";
import { signIn } from "../support/review-factories.ts";
import { callRoute } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

type Person = { id: string; name: string; email: string; locale: string };

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error.key;
    throw error;
  }
  return "accepted";
}

/** A draft led by a new founder, on a new open call. */
async function teamDraft(options: { maxTeamSize?: number } = {}) {
  const setup = await createIntakeSetup();
  if (options.maxTeamSize) await db.call.update({ where: { id: setup.call.id }, data: { maxTeamSize: options.maxTeamSize } });
  const { application } = await createApplication({ founder: setup.founder, call: setup.call, site: setup.site });
  return { ...setup, lead: setup.founder as Person, application };
}

/** The raw token of the last invitation emailed to `email` (the outbox holds the link; the database its hash only). */
async function linkSentTo(email: string): Promise<string> {
  const sent = await db.outboxEmail.findFirstOrThrow({ where: { to: email, template: "team-invitation" }, orderBy: { createdAt: "desc" } });
  const { acceptUrl } = JSON.parse(sent.payload) as { acceptUrl: string };
  return acceptUrl.split("/").pop()!;
}

async function invite(applicationId: string, lead: Person, invitee: { email: string; name?: string }) {
  await inviteTeamMember(applicationId, lead, { name: invitee.name ?? "Co Founder", role: "CTO", email: invitee.email });
  return linkSentTo(invitee.email.toLowerCase());
}

describe("invitations", () => {
  it("stores only the link's hash, valid 14 days, adds the invitee to the team's list and emails them in their language", async () => {
    const { application, lead } = await teamDraft();
    const invitee = await createTestUser({ locale: "ar" });
    const before = Date.now();
    const raw = await invite(application.id, lead, { email: invitee.email.toUpperCase(), name: "Amina" });
    const stored = await db.teamInvitation.findFirstOrThrow({ where: { applicationId: application.id } });
    expect(stored.email).toBe(invitee.email);
    expect(stored.tokenHash).toBe(createHash("sha256").update(raw).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(raw);
    expect(stored.expiresAt.getTime()).toBeGreaterThanOrEqual(before + INVITATION_TTL_MS);
    expect(stored.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + INVITATION_TTL_MS);
    const email = await db.outboxEmail.findFirstOrThrow({ where: { to: invitee.email, template: "team-invitation" } });
    expect(email.locale).toBe("ar");
    const list = await db.teamMember.findMany({ where: { applicationId: application.id }, orderBy: { position: "asc" } });
    expect(list.at(-1)).toMatchObject({ email: invitee.email, name: "Amina", role: "CTO" });
    expect(await db.auditEvent.count({ where: { subjectId: application.id, type: "TEAM_INVITATION_SENT" } })).toBe(1);
    // Someone without an account is written to in the lead's language.
    await invite(application.id, lead, { email: "new.person@example.test" });
    expect((await db.outboxEmail.findFirstOrThrow({ where: { to: "new.person@example.test" } })).locale).toBe("fr");
  });

  it("refuses, with a translated reason and no change: oneself, a member, a second pending invitation, beyond the team's size, anyone but the lead", async () => {
    const { application, lead } = await teamDraft();
    const member = await createTestUser();
    await acceptTeamInvitation(await invite(application.id, lead, member), member);
    const pending = await createTestUser();
    await invite(application.id, lead, pending);
    const count = () => db.teamInvitation.count({ where: { applicationId: application.id } });
    const before = await count();
    const attempt = (email: string, by: Person = lead) =>
      refusalOf(inviteTeamMember(application.id, by, { name: "Someone", role: "CFO", email }));
    expect(await attempt(lead.email)).toBe("teams.errors.inviteSelf");
    expect(await attempt(member.email)).toBe("teams.errors.alreadyMember");
    expect(await attempt(pending.email.toUpperCase())).toBe("teams.errors.alreadyInvited");
    // Lead + member + pending invitation = 3, the call's maximum.
    expect(await attempt("fourth@example.test")).toBe("teams.errors.teamFull");
    expect(await attempt("fourth@example.test", member)).toBe("teams.errors.leadOnly");
    expect(await count()).toBe(before);
  });

  it("counts the lead once: a draft started with Apply (the lead's own membership) takes two invitations at a size of three", async () => {
    const { call, founder } = await createIntakeSetup();
    const started = await startOrResumeApplication(founder.id, call.slug);
    if (!started?.ok) throw new Error("the draft did not start");
    expect(await db.teamMembership.count({ where: { applicationId: started.applicationId, userId: founder.id, lead: true } })).toBe(1);
    await invite(started.applicationId, founder, { email: "second@example.test" });
    await invite(started.applicationId, founder, { email: "third@example.test" });
    expect(
      await refusalOf(inviteTeamMember(started.applicationId, founder, { name: "Fourth", role: "CFO", email: "fourth@example.test" })),
    ).toBe("teams.errors.teamFull");
  });

  it("is answered once: the link then refuses; expired and revoked links refuse; a link for another address refuses", async () => {
    const { application, lead } = await teamDraft({ maxTeamSize: 5 });
    const [first, second, third, stranger] = await Promise.all([createTestUser(), createTestUser(), createTestUser(), createTestUser()]);
    const firstLink = await invite(application.id, lead, first);
    expect(await refusalOf(acceptTeamInvitation(firstLink, stranger))).toBe("teams.errors.otherAccount");
    expect(await acceptTeamInvitation(firstLink, first)).toBe(application.id);
    expect(await refusalOf(acceptTeamInvitation(firstLink, first))).toBe("teams.errors.invitationUsed");
    expect(await refusalOf(declineTeamInvitation(firstLink, first))).toBe("teams.errors.invitationUsed");

    const secondLink = await invite(application.id, lead, second);
    await db.teamInvitation.updateMany({ where: { email: second.email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await findTeamInvitation(secondLink))?.state).toBe("EXPIRED");
    expect(await refusalOf(acceptTeamInvitation(secondLink, second))).toBe("teams.errors.invitationExpired");

    const thirdLink = await invite(application.id, lead, third);
    const { id } = await db.teamInvitation.findFirstOrThrow({ where: { email: third.email } });
    expect(await revokeTeamInvitation(application.id, id, lead)).toBe(third.email);
    expect(await refusalOf(acceptTeamInvitation(thirdLink, third))).toBe("teams.errors.invitationRevoked");
    expect(await refusalOf(revokeTeamInvitation(application.id, id, lead))).toBe("teams.errors.notPending");
    expect(await refusalOf(acceptTeamInvitation("not-a-link", third))).toBe("teams.errors.invitationUnknown");

    const memberships = await db.teamMembership.findMany({ where: { applicationId: application.id } });
    expect(memberships.map((m) => m.userId)).toEqual([first.id]);
  });

  it("is declined by the invitee: answered, no membership", async () => {
    const { application, lead } = await teamDraft();
    const invitee = await createTestUser();
    const link = await invite(application.id, lead, invitee);
    await declineTeamInvitation(link, invitee);
    expect((await db.teamInvitation.findFirstOrThrow({ where: { email: invitee.email } })).status).toBe("DECLINED");
    expect(await db.teamMembership.count({ where: { userId: invitee.id } })).toBe(0);
    expect(await getFounderApplication(application.id, invitee.id)).toBeNull();
  });

  it("is sent again with a new link (the old one dies) at most every 10 minutes and 5 times in all", async () => {
    const { application, lead } = await teamDraft();
    const invitee = await createTestUser();
    const oldLink = await invite(application.id, lead, invitee);
    const { id } = await db.teamInvitation.findFirstOrThrow({ where: { email: invitee.email } });
    expect(await refusalOf(resendTeamInvitation(application.id, id, lead))).toBe("teams.errors.resendTooSoon");
    const backdate = () => db.teamInvitation.update({ where: { id }, data: { lastSentAt: new Date(Date.now() - 11 * 60_000) } });
    for (let send = 2; send <= INVITATION_MAX_SENDS; send++) {
      await backdate();
      await resendTeamInvitation(application.id, id, lead);
    }
    await backdate();
    expect(await refusalOf(resendTeamInvitation(application.id, id, lead))).toBe("teams.errors.resendLimit");
    expect(await db.outboxEmail.count({ where: { to: invitee.email, template: "team-invitation" } })).toBe(INVITATION_MAX_SENDS);
    expect(await refusalOf(acceptTeamInvitation(oldLink, invitee))).toBe("teams.errors.invitationUnknown");
    expect(await acceptTeamInvitation(await linkSentTo(invitee.email), invitee)).toBe(application.id);
  });

  it("sends one email when the lead clicks Send again twice at once", async () => {
    for (let round = 0; round < 5; round++) {
      const { application, lead } = await teamDraft();
      const invitee = await createTestUser();
      await invite(application.id, lead, invitee);
      const { id } = await db.teamInvitation.findFirstOrThrow({ where: { email: invitee.email } });
      const invitation = await db.teamInvitation.update({ where: { id }, data: { lastSentAt: new Date(Date.now() - 11 * 60_000) } });
      const outcomes = await Promise.all([0, 1, 2].map(() => refusalOf(resendTeamInvitation(application.id, invitation.id, lead))));
      expect(outcomes.filter((outcome) => outcome === "accepted")).toHaveLength(1);
      expect(await db.outboxEmail.count({ where: { to: invitee.email, template: "team-invitation" } })).toBe(2);
    }
  });
});

describe("membership", () => {
  it("opens the shared draft to the member, who edits it and fills in their own part; the list keeps every member's row", async () => {
    const { application, lead, site } = await teamDraft();
    const member = await createTestUser();
    expect(await getFounderApplication(application.id, member.id)).toBeNull();
    await acceptTeamInvitation(await invite(application.id, lead, member), member);
    const shared = await getFounderApplication(application.id, member.id);
    expect(shared?.id).toBe(application.id);
    const form = new FormData();
    form.set("projectName", "Argane Solaire 2");
    form.set("preferredSiteId", site.id);
    expect(await saveDraftFromForm(shared!, form)).toEqual({});
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).projectName).toBe("Argane Solaire 2");

    // Uploads too: the member replaces the deck, and the documents step says who.
    const upload = new FormData();
    upload.append("pitchDeck", new File([Uint8Array.from(pdfBuffer())], "deck.pdf", { type: "application/pdf" }));
    const uploadRequest = new Request(`http://localhost/founder/applications/${application.id}/edit/documents`, {
      method: "POST",
      body: upload,
    });
    expect(await addAttachment((await getFounderApplication(application.id, member.id))!, uploadRequest, new Date(), member.id)).toBe(
      "PITCH_DECK",
    );
    expect((await readStepChanges(application.id)).find((change) => change.step === "documents")?.name).toBe(member.name);

    await saveMemberProfile(application.id, member, {
      linkUrl: "www.linkedin.com/in/member",
      phone: "+212 6 12 34 56 78",
      residesInMorocco: "yes",
      bio: "Engineer.",
    });
    const team = await readTeam(application.id);
    expect(team?.members.find((m) => m.userId === member.id)).toMatchObject({
      linkUrl: "https://www.linkedin.com/in/member",
      phone: "+212 6 12 34 56 78",
      residesInMorocco: true,
      bio: "Engineer.",
    });

    // A list without the member's row is refused on its field and not saved.
    const list = await db.teamMember.findMany({ where: { applicationId: application.id }, orderBy: { position: "asc" } });
    const withoutMember = new FormData();
    list
      .filter((row) => row.email !== member.email)
      .forEach((row, index) => {
        withoutMember.set(`team.${index}.name`, row.name);
        withoutMember.set(`team.${index}.email`, row.email);
        withoutMember.set(`team.${index}.role`, row.role || "Role");
      });
    const current = (await getFounderApplication(application.id, lead.id))!;
    expect(await saveDraftFromForm(current, withoutMember)).toEqual({ team: "teams.errors.memberRowRequired" });
    expect(await db.teamMember.count({ where: { applicationId: application.id } })).toBe(list.length);
  });

  it("keeps a person to one application per call: Apply resumes the team's draft, a second team's invitation is refused", async () => {
    const { application, lead, call, site } = await teamDraft();
    const member = await createTestUser();
    await acceptTeamInvitation(await invite(application.id, lead, member), member);
    expect(await startOrResumeApplication(member.id, call.slug)).toEqual({ ok: true, applicationId: application.id });

    const otherLead = await createTestUser();
    const other = await createApplication({ founder: otherLead, call, site });
    const link = await invite(other.application.id, otherLead, member);
    expect(await refusalOf(acceptTeamInvitation(link, member))).toBe("teams.errors.oneApplicationPerCall");
    // A lead of their own application to the call is refused the same way.
    const leadLink = await invite(other.application.id, otherLead, lead);
    expect(await refusalOf(acceptTeamInvitation(leadLink, lead))).toBe("teams.errors.oneApplicationPerCall");
  });

  it("lets one of two invitations of one person into two teams of a call land, however they race", async () => {
    for (let round = 0; round < 8; round++) {
      const { call, site } = await teamDraft();
      const person = await createTestUser();
      const links = await Promise.all(
        [0, 1].map(async () => {
          const lead = await createTestUser();
          const { application } = await createApplication({ founder: lead, call, site });
          return invite(application.id, lead, person);
        }),
      );
      const outcomes = await Promise.all(links.map((link) => refusalOf(acceptTeamInvitation(link, person))));
      expect(outcomes.sort()).toEqual(["accepted", "teams.errors.oneApplicationPerCall"]);
      expect(await db.teamMembership.count({ where: { userId: person.id, callId: call.id } })).toBe(1);
      expect(await db.teamInvitation.count({ where: { email: person.email, status: "ACCEPTED" } })).toBe(1);
    }
  });

  it("never lets a team grow past the call's size when its invitees accept at once", async () => {
    for (let round = 0; round < 8; round++) {
      const { application, lead } = await teamDraft({ maxTeamSize: 3 });
      const invitees = await Promise.all([createTestUser(), createTestUser()]);
      const links = [];
      for (const invitee of invitees) links.push(await invite(application.id, lead, invitee));
      // The call shrank after the invitations went out: lead + one.
      await db.call.update({ where: { id: application.callId }, data: { maxTeamSize: 2 } });
      const outcomes = await Promise.all(links.map((link, index) => refusalOf(acceptTeamInvitation(link, invitees[index]))));
      expect(outcomes.sort()).toEqual(["accepted", "teams.errors.teamFull"]);
      expect(await db.teamMembership.count({ where: { applicationId: application.id } })).toBe(1);
    }
  });
});

describe("roles", () => {
  it("hands the lead role to a member (audited): the new lead invites and submits, the former lead stays a member", async () => {
    const { application, lead } = await teamDraft({ maxTeamSize: 4 });
    const member = await createTestUser({ name: "Nadia Next" });
    await acceptTeamInvitation(await invite(application.id, lead, member), member);
    expect(await refusalOf(transferLead(application.id, member, lead.id))).toBe("teams.errors.leadOnly");
    expect(await refusalOf(transferLead(application.id, lead, (await createTestUser()).id))).toBe("teams.errors.notAMember");
    expect(await transferLead(application.id, lead, member.id)).toBe("Nadia Next");
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).founderId).toBe(member.id);
    const roles = await db.teamMembership.findMany({ where: { applicationId: application.id }, select: { userId: true, lead: true } });
    expect(Object.fromEntries(roles.map((r) => [r.userId, r.lead]))).toEqual({ [lead.id]: false, [member.id]: true });
    expect(await db.auditEvent.count({ where: { subjectId: application.id, type: "TEAM_LEAD_TRANSFERRED", actorId: lead.id } })).toBe(1);
    // The former lead can no longer invite; the new one can, and the former lead must now confirm like any member.
    expect(await refusalOf(inviteTeamMember(application.id, lead, { name: "X Y", role: "CFO", email: "x@example.test" }))).toBe(
      "teams.errors.leadOnly",
    );
    await inviteTeamMember(application.id, member, { name: "X Y", role: "CFO", email: "x@example.test" });
    await revokeTeamInvitation(
      application.id,
      (await db.teamInvitation.findFirstOrThrow({ where: { email: "x@example.test" } })).id,
      member,
    );
    const asNewLead = (await getFounderApplication(application.id, member.id))!;
    expect(await refusalOf(submitApplication(asNewLead, { kind: "user", id: member.id, roles: ["FOUNDER"] }, asNewLead.version))).toBe(
      "teams.errors.consentMissing",
    );
    await confirmMembership(application.id, lead);
    expect(await refusalOf(submitApplication(asNewLead, { kind: "user", id: member.id, roles: ["FOUNDER"] }, asNewLead.version))).toBe(
      "accepted",
    );
  });

  it("lets a member leave a draft (not the lead, not after submission): access, list row and membership go", async () => {
    const { application, lead } = await teamDraft();
    const member = await createTestUser();
    await acceptTeamInvitation(await invite(application.id, lead, member), member);
    expect(await refusalOf(leaveTeam(application.id, lead))).toBe("teams.errors.leadCannotLeave");
    await leaveTeam(application.id, member);
    expect(await getFounderApplication(application.id, member.id)).toBeNull();
    expect(await db.teamMember.count({ where: { applicationId: application.id, email: member.email } })).toBe(0);
    expect(await db.auditEvent.count({ where: { subjectId: application.id, type: "TEAM_MEMBER_LEFT" } })).toBe(1);

    const { application: submitted, lead: submittedLead } = await teamDraft();
    const stays = await createTestUser();
    await acceptTeamInvitation(await invite(submitted.id, submittedLead, stays), stays);
    await db.application.update({ where: { id: submitted.id }, data: { status: "SUBMITTED" } });
    expect(await refusalOf(leaveTeam(submitted.id, stays))).toBe("teams.errors.leaveAfterSubmission");
    expect(await getFounderApplication(submitted.id, stays.id)).not.toBeNull();
  });
});

describe("two members editing at once", () => {
  /** A save from a page opened on `start`: every project field as the page shows it, one of them changed. */
  function pageSave(start: Record<string, string>, changes: Record<string, string>): FormData {
    const form = new FormData();
    for (const [field, value] of Object.entries({ ...start, ...changes })) form.set(field, value);
    form.set("base", JSON.stringify(start));
    return form;
  }

  it("never lets one member's stale copy of a field overwrite another's change, however the saves race", async () => {
    for (let round = 0; round < 6; round++) {
      const { application, lead } = await teamDraft();
      const member = await createTestUser();
      await acceptTeamInvitation(await invite(application.id, lead, member), member);
      const stored = await db.application.findUniqueOrThrow({ where: { id: application.id } });
      // Both pages were opened before either saved.
      const start = { projectName: stored.projectName, tagline: stored.tagline, problem: stored.problem };
      const [asLead, asMember] = await Promise.all([
        getFounderApplication(application.id, lead.id),
        getFounderApplication(application.id, member.id),
      ]);
      const [leadSave, memberSave] = await Promise.all([
        saveDraft(asLead!, pageSave(start, { projectName: `Nom du chef ${round}` })),
        saveDraft(asMember!, pageSave(start, { tagline: `Une accroche écrite par le membre, tour ${round}` })),
      ]);
      const after = await db.application.findUniqueOrThrow({ where: { id: application.id } });
      expect([after.projectName, after.tagline, after.problem]).toEqual([
        `Nom du chef ${round}`,
        `Une accroche écrite par le membre, tour ${round}`,
        stored.problem,
      ]);
      // Whichever saved second was told which field the other changed, to show it.
      const second = Object.keys(leadSave.updated).length > 0 ? leadSave : memberSave;
      expect(Object.keys(second.updated)).toHaveLength(1);
      expect({ ...leadSave.errors, ...memberSave.errors }).toEqual({});
    }
  });

  it("shows a real conflict on one field with the saved version, and writes it once the member has seen it", async () => {
    const { application, lead } = await teamDraft();
    const member = await createTestUser();
    await acceptTeamInvitation(await invite(application.id, lead, member), member);
    const stored = await db.application.findUniqueOrThrow({ where: { id: application.id } });
    const start = { projectName: stored.projectName };
    expect(
      (await saveDraft((await getFounderApplication(application.id, lead.id))!, pageSave(start, { projectName: "Version du chef" })))
        .errors,
    ).toEqual({});
    const asMember = (await getFounderApplication(application.id, member.id))!;
    const conflicted = await saveDraft(asMember, pageSave(start, { projectName: "Version du membre" }));
    expect(conflicted.errors).toEqual({ projectName: "teams.errors.editConflict" });
    expect(conflicted.conflicts).toEqual({ projectName: "Version du chef" });
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).projectName).toBe("Version du chef");
    // "Keep mine": the member's page now starts from the version it was shown.
    const kept = await saveDraft(
      asMember,
      pageSave({ projectName: "Version du chef" }, { projectName: "Version du membre" }),
      new Date(),
      member.id,
    );
    // The step says who changed it last.
    expect((await readStepChanges(application.id)).map((change) => [change.step, change.name])).toEqual([["project", member.name]]);
    expect(kept.errors).toEqual({});
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).projectName).toBe("Version du membre");
  });
});

describe("two members answering the call's questions at once", () => {
  /** Three questions of the call's own, asked on the wizard's questions step. */
  async function withQuestions(callId: string) {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const asked = { step: "questions", required: false, identifying: false } as const;
    const choices = ["morocco", "africa", "europe"].map((value) => ({ value, label: { fr: value } }));
    await saveQuestion(
      callId,
      null,
      { ...asked, key: "markets", type: "MULTIPLE_CHOICE", choices, minPicks: 0, maxPicks: 3, label: { fr: "Marchés" } },
      admin.id,
    );
    await saveQuestion(callId, null, { ...asked, key: "funding", type: "NUMBER", integer: true, label: { fr: "Financement" } }, admin.id);
    await saveQuestion(callId, null, { ...asked, key: "has_prototype", type: "YES_NO", label: { fr: "Prototype ?" } }, admin.id);
  }

  /** A save of the questions step from a page opened on the saved answers `start`, as its controls post them. */
  function answersSave(start: Record<string, unknown>, posted: { markets: string[]; funding: string; has_prototype: string }): FormData {
    const form = new FormData();
    // A multiple choice posts its empty field first (the question was shown), then each box ticked.
    for (const pick of ["", ...posted.markets]) form.append("answers.markets", pick);
    form.set("answers.funding", posted.funding);
    form.set("answers.has_prototype", posted.has_prototype);
    form.set("base", JSON.stringify(Object.fromEntries(Object.entries(start).map(([key, value]) => [`answers.${key}`, value]))));
    return form;
  }

  async function teamWithQuestions() {
    const { application, lead, call } = await teamDraft();
    await withQuestions(call.id);
    const member = await createTestUser();
    await acceptTeamInvitation(await invite(application.id, lead, member), member);
    const [asLead, asMember] = await Promise.all([
      getFounderApplication(application.id, lead.id),
      getFounderApplication(application.id, member.id),
    ]);
    return { application, lead, member, asLead: asLead!, asMember: asMember! };
  }

  it("keeps both members' answers to different questions, however the saves race", async () => {
    for (let round = 0; round < 6; round++) {
      const { application, asLead, asMember } = await teamWithQuestions();
      // Both pages were opened on the empty questions step, before either saved.
      const start = { markets: null, funding: null, has_prototype: null };
      const [leadSave, memberSave] = await Promise.all([
        saveDraft(asLead, answersSave(start, { markets: ["europe", "africa"], funding: "", has_prototype: "" })),
        saveDraft(asMember, answersSave(start, { markets: [], funding: `${250000 + round}`, has_prototype: "yes" })),
      ]);
      expect({ ...leadSave.errors, ...memberSave.errors }).toEqual({});
      expect(await readAnswers(application.id)).toEqual({ markets: ["africa", "europe"], funding: 250000 + round, has_prototype: true });
      // Whichever saved second was told what the other answered, to show it.
      const second = Object.keys(leadSave.updated).length > 0 ? leadSave : memberSave;
      expect(Object.keys(second.updated).sort()).toEqual(
        second === leadSave ? ["answers.funding", "answers.has_prototype"] : ["answers.markets"],
      );
    }
  });

  it("shows a conflict on an answer both changed, the saved one unchanged, and writes the member's once they have seen it", async () => {
    const { application, asLead, asMember } = await teamWithQuestions();
    const start = { markets: ["morocco"], funding: 250000, has_prototype: false };
    expect(
      (
        await saveDraft(
          asLead,
          answersSave(
            { markets: null, funding: null, has_prototype: null },
            { markets: ["morocco"], funding: "250000", has_prototype: "no" },
          ),
        )
      ).errors,
    ).toEqual({});
    expect(
      (await saveDraft(asLead, answersSave(start, { markets: ["morocco", "africa"], funding: "100000", has_prototype: "no" }))).errors,
    ).toEqual({});
    // The member's page opened before the lead's second save: the picks in another order are the same answer.
    const conflicted = await saveDraft(asMember, answersSave(start, { markets: ["morocco"], funding: "300000", has_prototype: "yes" }));
    expect(conflicted.errors).toEqual({ "answers.funding": "teams.errors.editConflict" });
    expect(conflicted.conflicts).toEqual({ "answers.funding": 100000 });
    expect(conflicted.updated).toEqual({ "answers.markets": ["morocco", "africa"] });
    expect(await readAnswers(application.id)).toEqual({ markets: ["morocco", "africa"], funding: 100000, has_prototype: true });
    // "Keep mine": the member's page now starts from the answer it was shown.
    const kept = await saveDraft(
      asMember,
      answersSave(
        { markets: ["africa", "morocco"], funding: 100000, has_prototype: true },
        { markets: ["africa", "morocco"], funding: "300000", has_prototype: "yes" },
      ),
    );
    expect(kept.errors).toEqual({});
    expect((await readAnswers(application.id)).funding).toBe(300000);
  });
});

describe("what the team hears", () => {
  it("every member gets the submission and the decision emails, each in their own language", async () => {
    const { application, lead, call, site } = await teamDraft();
    const member = await createTestUser({ locale: "ar" });
    await acceptTeamInvitation(await invite(application.id, lead, member), member);
    await confirmMembership(application.id, member);
    const current = (await getFounderApplication(application.id, lead.id))!;
    expect(await refusalOf(submitApplication(current, { kind: "user", id: lead.id, roles: ["FOUNDER"] }, current.version))).toBe(
      "accepted",
    );
    const sent = async (template: string) =>
      (await db.outboxEmail.findMany({ where: { template, to: { in: [lead.email, member.email] } } }))
        .map((email) => [email.to, email.locale, (JSON.parse(email.payload) as { name: string }).name])
        .sort();
    expect(await sent("application-submitted")).toEqual(
      [
        [lead.email, "fr", lead.name],
        [member.email, "ar", member.name],
      ].sort(),
    );
    // A committee rejection, staged, then released with the call's decisions.
    const rejected = await createApplication({ founder: await createTestUser(), call, site, status: "REJECTED" });
    await db.teamMembership.update({
      where: { applicationId_userId: { applicationId: application.id, userId: member.id } },
      data: { applicationId: rejected.application.id },
    });
    await db.teamMember.create({ data: { applicationId: rejected.application.id, name: member.name, email: member.email, position: 5 } });
    const admin = await createTestUser({ roles: ["ADMIN"] });
    await releaseDecisions(call.id, admin.id);
    const decisions = await db.outboxEmail.findMany({
      where: { template: "decision-rejected", dedupeKey: { startsWith: `decision:${rejected.application.id}` } },
    });
    expect(decisions.map((email) => [email.to, email.locale]).sort()).toEqual(
      [
        [(await db.user.findUniqueOrThrow({ where: { id: rejected.application.founderId } })).email, "fr"],
        [member.email, "ar"],
      ].sort(),
    );
  });
});

describe("consent before Submit", () => {
  it("waits for every invitation to be answered and every member to confirm; the lead's consent is the Submit", async () => {
    const { application, lead } = await teamDraft();
    const member = await createTestUser({ name: "Nadia Member" });
    const submit = async () => {
      const current = (await getFounderApplication(application.id, lead.id))!;
      return refusalOf(submitApplication(current, { kind: "user", id: lead.id, roles: ["FOUNDER"] }, current.version));
    };
    const link = await invite(application.id, lead, member);
    expect(await submit()).toBe("teams.errors.invitationsPending");
    await acceptTeamInvitation(link, member);
    expect(await submit()).toBe("teams.errors.consentMissing");
    // The member cannot submit for the team.
    const asMember = (await getFounderApplication(application.id, member.id))!;
    expect(await refusalOf(submitApplication(asMember, { kind: "user", id: member.id, roles: ["FOUNDER"] }, asMember.version))).not.toBe(
      "accepted",
    );
    const before = Date.now();
    await confirmMembership(application.id, member);
    expect(await submit()).toBe("accepted");
    const memberships = await db.teamMembership.findMany({ where: { applicationId: application.id } });
    for (const membership of memberships) expect(membership.consentAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(memberships.find((m) => m.userId === lead.id)?.lead).toBe(true);
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("SUBMITTED");
  });

  it("checks the call's rule on where the team lives again with what each member says of themself", async () => {
    const { application, lead, call } = await teamDraft();
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const resident = { step: "eligibility", required: true, identifying: false, key: "resident", type: "YES_NO" } as const;
    await saveQuestion(call.id, null, { ...resident, teamResidence: true, label: { fr: "Un membre réside-t-il au Maroc ?" } }, admin.id);
    await saveEligibilityRule(call.id, null, { questionKey: "resident", operator: "equals", value: true }, admin.id);
    // The lead answered yes on Apply.
    const { questions } = await readQuestionnaire(call.id);
    await db.$transaction((tx) => writeAnswers(tx, application.id, questions, { resident: true }));
    const member = await createTestUser();
    await acceptTeamInvitation(await invite(application.id, lead, member), member);
    await confirmMembership(application.id, member);
    const submit = async () => {
      const current = (await getFounderApplication(application.id, lead.id))!;
      return refusalOf(submitApplication(current, { kind: "user", id: lead.id, roles: ["FOUNDER"] }, current.version));
    };
    const profile = { linkUrl: "", phone: "", bio: "" };
    await saveMemberProfile(application.id, lead, { ...profile, residesInMorocco: "no" });
    await saveMemberProfile(application.id, member, { ...profile, residesInMorocco: "no" });
    expect(await submit()).toBe("teams.errors.residenceIneligible");
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("DRAFT");
    expect((await readAnswers(application.id)).resident).toBe(true);
    await saveMemberProfile(application.id, member, { ...profile, residesInMorocco: "yes" });
    expect(await submit()).toBe("accepted");
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("SUBMITTED");
  });

  it("does not count an expired invitation, nor a revoked or declined one", async () => {
    const { application, lead } = await teamDraft({ maxTeamSize: 5 });
    const [expired, revoked, declined] = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
    await invite(application.id, lead, expired);
    await db.teamInvitation.updateMany({ where: { email: expired.email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await invite(application.id, lead, revoked);
    await revokeTeamInvitation(application.id, (await db.teamInvitation.findFirstOrThrow({ where: { email: revoked.email } })).id, lead);
    await declineTeamInvitation(await invite(application.id, lead, declined), declined);
    const current = (await getFounderApplication(application.id, lead.id))!;
    expect(await refusalOf(submitApplication(current, { kind: "user", id: lead.id, roles: ["FOUNDER"] }, current.version))).toBe(
      "accepted",
    );
  });
});

describe("the seat offer", () => {
  const asUser = (person: { id: string }) => ({ id: person.id, roles: ["FOUNDER"] as const });

  /** Members who join the application's team through their invitations, one per language given. */
  async function joinTeam(applicationId: string, lead: Person, locales: Locale[]) {
    const members = [];
    for (const locale of locales) {
      const member = await createTestUser({ locale });
      await acceptTeamInvitation(await invite(applicationId, lead, member), member);
      members.push(member);
    }
    return members;
  }

  /**
   * A team (its lead and members who joined by invitation, in their languages) whose application was accepted,
   * the decision released, with a PENDING offer of a seat in the call's cohort at its site (the call then closed).
   */
  async function teamWithOffer(options: { locales?: Locale[]; anyMemberAnswersOffer?: boolean; expiresAt?: Date; capacity?: number } = {}) {
    const locales = options.locales ?? ["fr"];
    const { application, lead, call, site } = await teamDraft({ maxTeamSize: locales.length + 1 });
    const members = await joinTeam(application.id, lead, locales);
    // The call's cohort at the team's preferred site.
    const { id: cohortId } = await db.cohort.findFirstOrThrow({ where: { callId: call.id, siteId: site.id }, select: { id: true } });
    const cohort = await db.cohort.update({ where: { id: cohortId }, data: { capacity: options.capacity ?? 2 } });
    await db.call.update({
      where: { id: call.id },
      data: { status: "CLOSED", anyMemberAnswersOffer: options.anyMemberAnswersOffer ?? false },
    });
    const accepted = await db.application.update({
      where: { id: application.id },
      data: { status: "ACCEPTED", decisionReleasedAt: new Date(Date.now() - DAY_MS), allocatedCohortId: cohort.id },
    });
    const offer = await db.offer.create({
      data: {
        applicationId: application.id,
        cohortId: cohort.id,
        status: "PENDING",
        expiresAt: options.expiresAt ?? new Date(Date.now() + 7 * DAY_MS),
      },
    });
    return { application: accepted, lead, members, call, site, cohort, offer };
  }

  const offerStatus = async (offerId: string) => (await db.offer.findUniqueOrThrow({ where: { id: offerId } })).status;

  /** Who got the template's email about this offer or application: [address, language, name, dedupe key], sorted. */
  async function sentAbout(template: string, keyPrefix: string) {
    const rows = await db.outboxEmail.findMany({ where: { template, dedupeKey: { startsWith: keyPrefix } } });
    return rows.map((row) => [row.to, row.locale, (JSON.parse(row.payload) as { name: string }).name, row.dedupeKey]).sort();
  }

  it("is shown to every member, but only the lead answers it when the call says so: a member is refused and nothing changes", async () => {
    const { application, lead, members, offer } = await teamWithOffer();
    const [member] = members;
    const asLead = await getFounderOffer(application.id, lead.id);
    const asMember = await getFounderOffer(application.id, member.id);
    expect([asLead?.id, asLead?.canAnswer]).toEqual([offer.id, true]);
    expect([asMember?.id, asMember?.status, asMember?.canAnswer]).toEqual([offer.id, "PENDING", false]);
    // Someone off the team sees nothing.
    expect(await getFounderOffer(application.id, (await createTestUser()).id)).toBeNull();

    for (const accept of [true, false]) {
      const refused = await respondToOffer(application.id, asUser(member), accept).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(UserError);
      expect([(refused as UserError).key, (refused as UserError).status]).toEqual(["teams.errors.leadOnly", 403]);
    }
    // Through the page: the member reads the offer with the note instead of the buttons, and a post is refused.
    const cookie = await signIn(member);
    const page = await callRoute(offerLoader, {
      path: `/founder/applications/${application.id}/offer`,
      params: { id: application.id },
      cookie,
    });
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ offer: { status: "PENDING" }, canAnswer: false });
    const posted = await callRoute(offerAction, {
      path: `/founder/applications/${application.id}/offer`,
      params: { id: application.id },
      cookie,
      form: { answer: "accept" },
    });
    expect(posted.status).toBe(403);
    expect(await posted.json()).toMatchObject({ ok: false, message: "teams.errors.leadOnly" });

    expect(await offerStatus(offer.id)).toBe("PENDING");
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("ACCEPTED");
    expect(
      await db.auditEvent.count({ where: { subjectId: application.id, type: { in: ["TRANSITION_enroll", "TRANSITION_decline"] } } }),
    ).toBe(0);
    expect(await db.outboxEmail.count({ where: { template: { in: ["enrollment-confirmed", "offer-declined"] }, to: member.email } })).toBe(
      0,
    );

    // The lead answers.
    expect(await respondToOffer(application.id, asUser(lead), true)).toMatchObject({ enrolled: true });
    expect(await offerStatus(offer.id)).toBe("ACCEPTED");
  });

  it("is answered by any member when the call lets them: the member accepts, is the audit's actor, and every member is told", async () => {
    const { application, lead, members, cohort, offer } = await teamWithOffer({ locales: ["ar", "en"], anyMemberAnswersOffer: true });
    const [arabic, english] = members;
    expect((await getFounderOffer(application.id, english.id))?.canAnswer).toBe(true);
    expect(await respondToOffer(application.id, asUser(english), true)).toMatchObject({ enrolled: true });
    expect(await offerStatus(offer.id)).toBe("ACCEPTED");
    const row = await db.application.findUniqueOrThrow({ where: { id: application.id } });
    expect([row.status, row.enrolledCohortId, row.founderId]).toEqual(["ENROLLED", cohort.id, lead.id]);
    expect(
      await db.auditEvent.findMany({ where: { subjectId: application.id, type: "TRANSITION_enroll" }, select: { actorId: true } }),
    ).toEqual([{ actorId: english.id }]);
    const key = `enrollment-confirmed:${application.id}:${row.version}`;
    expect(await sentAbout("enrollment-confirmed", `enrollment-confirmed:${application.id}`)).toEqual(
      [
        [lead.email, "fr", lead.name, key],
        [arabic.email, "ar", arabic.name, `${key}:${arabic.id}`],
        [english.email, "en", english.name, `${key}:${english.id}`],
      ].sort(),
    );
  });

  it("takes exactly one answer when two members answer at once, one accepting and one declining", async () => {
    for (let round = 0; round < 6; round++) {
      const { application, lead, members, offer } = await teamWithOffer({ locales: ["fr", "ar"], anyMemberAnswersOffer: true });
      // Lead against member, or member against member; who accepts alternates.
      const [first, second] = round % 2 === 0 ? [lead, members[0]] : [members[0], members[1]];
      const [accepter, decliner] = round % 4 < 2 ? [first, second] : [second, first];
      const settled = await Promise.allSettled([
        respondToOffer(application.id, asUser(accepter), true),
        respondToOffer(application.id, asUser(decliner), false),
      ]);
      const won = settled.filter((result) => result.status === "fulfilled");
      expect(won, `round ${round}`).toHaveLength(1);
      const lost = settled.find((result) => result.status === "rejected")!;
      expect(lost.reason).toBeInstanceOf(UserError);
      expect([(lost.reason as UserError).key, (lost.reason as UserError).status]).toEqual(["offer.noLongerAvailable", 409]);
      const accepted = settled[0].status === "fulfilled";
      const winner = accepted ? accepter : decliner;
      expect(await offerStatus(offer.id)).toBe(accepted ? "ACCEPTED" : "DECLINED");
      const row = await db.application.findUniqueOrThrow({ where: { id: application.id } });
      expect([row.status, row.version]).toEqual([accepted ? "ENROLLED" : "DECLINED", application.version + 1]);
      expect(
        await db.auditEvent.findMany({
          where: { subjectId: application.id, type: { in: ["TRANSITION_enroll", "TRANSITION_decline"] } },
          select: { type: true, actorId: true },
        }),
      ).toEqual([{ type: accepted ? "TRANSITION_enroll" : "TRANSITION_decline", actorId: winner.id }]);
      // One answer told once: each of the three got one email of it.
      const told = await db.outboxEmail.findMany({
        where: {
          template: { in: ["enrollment-confirmed", "offer-declined"] },
          dedupeKey: { contains: accepted ? application.id : offer.id },
        },
      });
      expect(told.map((email) => email.template)).toEqual(Array(3).fill(accepted ? "enrollment-confirmed" : "offer-declined"));
    }
  });

  it("reaches every member, each in their own language, the lead's key unchanged: reminder, expiry, decline and promotion", async () => {
    // A team whose offer expires within the reminder's 48 hours.
    const now = Date.now();
    const reminded = await teamWithOffer({ locales: ["ar", "en"], expiresAt: new Date(now + DAY_MS) });
    const everyone = (team: { lead: Person; members: Person[] }, key: string) =>
      [
        [team.lead.email, team.lead.locale, team.lead.name, key],
        ...team.members.map((m) => [m.email, m.locale, m.name, `${key}:${m.id}`]),
      ].sort();
    await remindOffers(new Date(now));
    expect(await sentAbout("offer-reminder", `offer-reminder:${reminded.offer.id}`)).toEqual(
      everyone(reminded, `offer-reminder:${reminded.offer.id}`),
    );
    // Once: a second run reminds nobody again.
    await remindOffers(new Date(now + 1000));
    expect(
      await db.outboxEmail.count({
        where: { template: "offer-reminder", dedupeKey: { startsWith: `offer-reminder:${reminded.offer.id}` } },
      }),
    ).toBe(3);

    await expireOffers(new Date(now + 2 * DAY_MS));
    expect(await offerStatus(reminded.offer.id)).toBe("EXPIRED");
    expect(await sentAbout("offer-expired", `offer-expired:${reminded.offer.id}`)).toEqual(
      everyone(reminded, `offer-expired:${reminded.offer.id}`),
    );

    // A team holding the cohort's only seat declines; a waitlisted team of the same call gets it.
    const holder = await teamWithOffer({ locales: ["en"], capacity: 1 });
    const waitingLead = await createTestUser({ locale: "en" });
    const waiting = await createApplication({ founder: waitingLead, call: holder.call, site: holder.site });
    await db.call.update({ where: { id: holder.call.id }, data: { status: "OPEN" } });
    const waitingMembers = await joinTeam(waiting.application.id, waitingLead, ["ar"]);
    await db.call.update({ where: { id: holder.call.id }, data: { status: "CLOSED" } });
    await db.application.update({
      where: { id: waiting.application.id },
      data: { status: "WAITLISTED", decisionReleasedAt: new Date(now - DAY_MS) },
    });
    expect(await respondToOffer(holder.application.id, asUser(holder.lead), false)).toEqual({
      enrolled: false,
      promoted: waiting.application.id,
    });
    expect(await sentAbout("offer-declined", `offer-declined:${holder.offer.id}`)).toEqual(
      everyone(holder, `offer-declined:${holder.offer.id}`),
    );
    const promoted = await db.application.findUniqueOrThrow({ where: { id: waiting.application.id } });
    expect(await sentAbout("waitlist-promotion", `waitlist-promotion:${waiting.application.id}`)).toEqual(
      everyone({ lead: waitingLead, members: waitingMembers }, `waitlist-promotion:${waiting.application.id}:${promoted.version}`),
    );
  });
});
