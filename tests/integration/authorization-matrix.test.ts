// The authorization matrix: every route module in app/routes × every role ×
// GET (loader) and POST (action), checked against one explicit table.
//
// The route list is read from disk when the tests are collected, so a new route
// file cannot be forgotten: a file with no row in EXPECTED fails (naming it),
// and so does a row whose file no longer exists.
//
// Each cell is called through the route module's own loader or action with the
// role's session cookie and a real record behind every parameter
// (tests/support/matrix-fixture.ts). POSTs carry an empty urlencoded body: an
// allowed user then usually reaches the route's validation ("400"), a refused
// one never gets that far.
import fs from "node:fs";
import path from "node:path";
import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { dbReady } from "~/db/client.server.ts";
import { createMatrixFixture, MATRIX_ROLES, ROLE_LABELS, type MatrixFixture, type MatrixRole } from "../support/matrix-fixture.ts";
import { callRoute } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";

// ---------------------------------------------------------------------------
// Outcome classes

/**
 * - ok: 2xx, or a redirect anywhere but the login page
 * - login: a redirect to /login?redirectTo=<the requested path>
 * - 400 / 401 / 403 / 404: that status
 * - 405-none: the module has no loader (GET) or no action (POST) at all
 */
type Outcome = "ok" | "login" | "400" | "401" | "403" | "404" | "405-none";

/** One outcome per role, in the column order below. */
type Row = readonly [
  anonymous: Outcome,
  founder: Outcome,
  otherFounder: Outcome,
  teamMember: Outcome,
  invitee: Outcome,
  reviewerAssigned: Outcome,
  reviewerUnassigned: Outcome,
  admin: Outcome,
];

type Entry = {
  /** A real value for every `$param` of the file name. */
  params?: (f: MatrixFixture) => Record<string, string>;
  GET: Row | "405-none";
  POST: Row | "405-none";
  /** The action ends the session it is called with: each POST cell signs in afresh. */
  endsSession?: true;
};

// ---------------------------------------------------------------------------
// The expected table, keyed by route file name.
//
// Columns:            anonymous  founder A  founder B  member M     founder I    reviewer R1  reviewer R2     admin
//                                (owner,    (other)    (on A's     (invited to  (assigned)   (not assigned)
//                                 lead)                 team)       A's team,
//                                                                   not accepted)
//
// Teams (issue 16): member M opens and edits A's drafts like A, except what only the lead does
// (submit, invite, withdraw, answer a seat offer); founder I, until they accept, is founder B on
// A's applications. Both are founders like any other on every other page.

const EXPECTED: Record<string, Entry> = {
  // Public pages ------------------------------------------------------------
  "$.tsx": {
    params: () => ({ "*": "no-such-page" }),
    GET: ["404", "404", "404", "404", "404", "404", "404", "404"],
    POST: "405-none",
  },
  "_index.tsx": {
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: "405-none",
  },
  // The public list of selected projects (issue 20): only those whose lead agreed, for everyone.
  "selected.tsx": {
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: "405-none",
  },
  "healthz.ts": {
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: "405-none",
  },
  "calls._index.tsx": {
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: "405-none",
  },
  "calls.$slug.tsx": {
    params: (f) => ({ slug: f.openCall.slug }),
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: "405-none",
  },
  // GET resumes A's application (for A and member M: their team's) and asks B and I to confirm;
  // only the POST starts B's (and I's) own draft.
  "calls.$slug_.apply.tsx": {
    params: (f) => ({ slug: f.openCall.slug }),
    GET: ["login", "ok", "ok", "ok", "ok", "403", "403", "403"],
    POST: ["401", "ok", "ok", "ok", "ok", "403", "403", "403"],
  },

  // Accounts and sessions ---------------------------------------------------
  // Signed-in visitors are sent to their home page (a redirect: "ok").
  "login.tsx": {
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: ["400", "400", "400", "400", "400", "400", "400", "400"],
  },
  // The sign-in's second step (issue 20): reached with the cookie a right password sets; without it everyone, signed
  // in or not, is sent back to the password (a redirect to /login, without redirectTo).
  "login_.two-factor.tsx": {
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
  },
  "signup.tsx": {
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: ["400", "400", "400", "400", "400", "400", "400", "400"],
  },
  "logout.tsx": {
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    endsSession: true,
  },
  "locale.tsx": {
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: ["400", "400", "400", "400", "400", "400", "400", "400"],
  },
  "forgot-password.tsx": {
    GET: "405-none",
    POST: ["400", "400", "400", "400", "400", "400", "400", "400"],
  },
  "reset-password.$token.tsx": {
    params: (f) => ({ token: f.resetToken }),
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: ["400", "400", "400", "400", "400", "400", "400", "400"],
  },
  "invitation.$token.tsx": {
    params: (f) => ({ token: f.invitationToken }),
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: ["400", "400", "400", "400", "400", "400", "400", "400"],
  },
  // A made-up token: the page and its button are public and say the link is not valid.
  "verify-email.$token.tsx": {
    params: () => ({ token: "not-a-real-verification-token" }),
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: ["400", "400", "400", "400", "400", "400", "400", "400"],
  },
  // A new confirmation link for whoever is signed in; the GET only sends them home.
  "verify-email.resend.tsx": {
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: ["401", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
  },
  // In-app notifications (issue 18): everyone signed in has a list; opening one is refused unless it is theirs
  // (the fixture's notification is founder A's; its opening by A is in tests/integration/notifications.test.ts).
  "notifications._index.tsx": {
    GET: ["login", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: "405-none",
  },
  "notifications.$id.tsx": {
    params: (f) => ({ id: f.notification.id }),
    GET: "405-none",
    POST: ["401", "ok", "404", "404", "404", "404", "404", "404"],
  },
  // A copy of one's data (issue 20): the emailed one-time link, for its owner signed in; a link that is nobody's
  // (here, a made-up token) is refused to everyone signed in with the same 404.
  "account.export.$token.tsx": {
    params: () => ({ token: "Zk3q9vS0bHq4l1m2n3o4p5q6r7s8t9u0v1w2x3y4z5A" }),
    GET: ["login", "404", "404", "404", "404", "404", "404", "404"],
    POST: "405-none",
  },
  "account.tsx": {
    GET: ["login", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: ["401", "400", "400", "400", "400", "400", "400", "400"],
  },
  // Two-step verification of one's own account (issue 20): staff only (admins must, reviewers may); founders are not
  // offered it. An empty post names no intent: 400.
  "staff.two-factor.tsx": {
    GET: ["login", "403", "403", "403", "403", "ok", "ok", "ok"],
    POST: ["401", "403", "403", "403", "403", "400", "400", "400"],
  },

  // Files: the owning founder and their team's members, a reviewer assigned to the application, an admin.
  "files.$id.tsx": {
    params: (f) => ({ id: f.attachment.id }),
    GET: ["login", "ok", "404", "ok", "404", "ok", "404", "ok"],
    POST: "405-none",
  },
  // A message's PDF (issue 18): the team and the admins, like the thread; reviewers never, assigned (R1) or not.
  "messages.files.$id.tsx": {
    params: (f) => ({ id: f.messageFile.id }),
    GET: ["login", "ok", "404", "ok", "404", "404", "404", "ok"],
    POST: "405-none",
  },

  // Founder area ------------------------------------------------------------
  "founder.tsx": {
    GET: ["login", "ok", "ok", "ok", "ok", "403", "403", "403"],
    POST: "405-none",
  },
  "founder._index.tsx": {
    GET: ["login", "ok", "ok", "ok", "ok", "403", "403", "403"],
    POST: "405-none",
  },
  // The POST is the withdrawal, the lead's alone: an empty one stops at its confirmation ("400") for
  // member M too, and a confirmed one from M is refused by the lifecycle (withdraw is the OWNER's).
  "founder.applications.$id._index.tsx": {
    params: (f) => ({ id: f.submitted.id }),
    GET: ["login", "ok", "404", "ok", "404", "403", "403", "403"],
    POST: ["401", "400", "404", "400", "404", "403", "403", "403"],
  },
  // A team's interview booking (issue 19): the team (lead A, member M) only; an empty post chooses no slot (400).
  "founder.applications.$id.interview.tsx": {
    params: (f) => ({ id: f.inReview.id }),
    GET: ["login", "ok", "404", "ok", "404", "403", "403", "403"],
    POST: ["401", "400", "404", "400", "404", "403", "403", "403"],
  },
  // An empty autosave or step post saves nothing and succeeds (the application stays editable).
  "founder.applications.$id.autosave.tsx": {
    params: (f) => ({ id: f.submitted.id }),
    GET: "405-none",
    POST: ["401", "ok", "404", "ok", "404", "403", "403", "403"],
  },
  // The team edits the draft together; inviting, resending, revoking and submitting are the lead's
  // (intents an empty post does not reach).
  "founder.applications.$id.edit.$step.tsx": {
    params: (f) => ({ id: f.submitted.id, step: "project" }),
    GET: ["login", "ok", "404", "ok", "404", "403", "403", "403"],
    POST: ["401", "ok", "404", "ok", "404", "403", "403", "403"],
  },
  // The whole team sees the seat offer; its lead answers it (any member too when the call says so, not this
  // one's): member M, on the accepted application's team, is refused any answer, before it is read ("403").
  "founder.applications.$id.offer.tsx": {
    params: (f) => ({ id: f.accepted.id }),
    GET: ["login", "ok", "404", "ok", "404", "403", "403", "403"],
    POST: ["401", "400", "404", "403", "404", "403", "403", "403"],
  },

  // The team's messages to the staff (issue 18): any member reads and writes; an empty message is refused by the schema.
  "founder.applications.$id.messages.tsx": {
    params: (f) => ({ id: f.submitted.id }),
    GET: ["login", "ok", "404", "ok", "404", "403", "403", "403"],
    POST: ["401", "400", "404", "400", "404", "403", "403", "403"],
  },

  // Follow-up check-ins (issue 17): any member of the team answers; an empty post is refused by the schema.
  "founder.applications.$id.check-ins.$checkInId.tsx": {
    params: (f) => ({ id: f.followed.id, checkInId: f.checkIn.id }),
    GET: ["login", "ok", "404", "ok", "404", "403", "403", "403"],
    POST: ["401", "400", "404", "400", "404", "403", "403", "403"],
  },
  // An empty autosave keeps an empty draft.
  "founder.applications.$id.check-ins.$checkInId.autosave.tsx": {
    params: (f) => ({ id: f.followed.id, checkInId: f.checkIn.id }),
    GET: "405-none",
    POST: ["401", "ok", "404", "ok", "404", "403", "403", "403"],
  },

  // Team invitations ---------------------------------------------------------
  // The link's page is public (a made-up token is a 404 page). Answering needs a founder's account; an
  // empty post (no accept or decline) is unreadable for every founder, before the invitation's address
  // is compared with theirs.
  "team-invitations.$token.tsx": {
    params: (f) => ({ token: f.teamInvitationToken }),
    GET: ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    POST: ["401", "400", "400", "400", "400", "403", "403", "403"],
  },

  // Reviewer area -----------------------------------------------------------
  "reviewer.tsx": {
    GET: ["login", "403", "403", "403", "403", "ok", "ok", "403"],
    POST: "405-none",
  },
  "reviewer._index.tsx": {
    GET: ["login", "403", "403", "403", "403", "ok", "ok", "403"],
    POST: "405-none",
  },
  // A reviewer's own calibration figures (issue 18): each reviewer sees theirs only (tests/integration/calibration.test.ts).
  "reviewer.calibration.tsx": {
    GET: ["login", "403", "403", "403", "403", "ok", "ok", "403"],
    POST: "405-none",
  },
  // Pitch day (issue 19): every reviewer has their interviews page (R2, invited to no call, sees none); an empty
  // post names no call (400). A panel's page is for its jurors only (R1 sits on it, R2 does not: 404).
  "reviewer.interviews.tsx": {
    GET: ["login", "403", "403", "403", "403", "ok", "ok", "403"],
    POST: ["401", "403", "403", "403", "403", "400", "400", "403"],
  },
  "reviewer.panels.$id.tsx": {
    params: (f) => ({ id: f.interviewPanel.id }),
    GET: ["login", "403", "403", "403", "403", "ok", "404", "403"],
    POST: ["401", "403", "403", "403", "403", "404", "404", "403"],
  },
  // An empty post saves an empty draft review for the assigned reviewer.
  "reviewer.assignments.$id.tsx": {
    params: (f) => ({ id: f.assignment.id }),
    GET: ["login", "403", "403", "403", "403", "ok", "404", "403"],
    POST: ["401", "403", "403", "403", "403", "ok", "404", "403"],
  },
  // An application's discussion (issue 18): staff only; R1 is assigned but has not submitted a review yet (it
  // opens to them once they have: tests/integration/discussion.test.ts), R2 does not see the application; an
  // admin's empty post is refused by the schema.
  "staff.discussions.$applicationId.tsx": {
    params: (f) => ({ applicationId: f.inReview.id }),
    GET: ["login", "403", "403", "403", "403", "403", "404", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "404", "400"],
  },

  // Admin area --------------------------------------------------------------
  "admin.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin._index.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.applications._index.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.applications.$id.tsx": {
    params: (f) => ({ id: f.inReview.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  // The staff's side of a team's thread, and the inbox of threads awaiting an answer (issue 18).
  "admin.applications.$id_.messages.tsx": {
    params: (f) => ({ id: f.inReview.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.messages.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  // Announcements to a cohort or to a call's applicants (issue 18): an empty post fails the schema.
  // Who saw what (issue 20): admins only.
  "admin.access-log.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  // The register for the CNDP (issue 20): admins only.
  "admin.register.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.announcements.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  // Admins' wordings of the emails (issue 18): the list, and one template's editor in one language (an empty
  // post has no version: "400").
  "admin.emails._index.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.emails.$template.$locale.tsx": {
    params: () => ({ template: "decision-accepted", locale: "en" }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  // Follow-up (issue 17): a cohort's plan (an empty post has no months: "400"), a check-in recorded for its
  // team (an empty post fails the schema), the outcomes and their CSV.
  "admin.cohorts.$id_.follow-up.tsx": {
    params: (f) => ({ id: f.followCohort.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.check-ins.$id.tsx": {
    params: (f) => ({ id: f.checkIn.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  // The POST saves the landing page's figures: an empty one chooses no mode ("400").
  "admin.outcomes.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.outcomes.tables[.csv].tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.outcomes.check-ins[.csv].tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.audit.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.calls._index.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.calls.$id._index.tsx": {
    params: (f) => ({ id: f.reviewCall.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.calls.$id.allocation.tsx": {
    params: (f) => ({ id: f.reviewCall.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.calls.$id.applications[.csv].tsx": {
    params: (f) => ({ id: f.reviewCall.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  // Pitch day (issue 19), admins only; an empty post names no action (400).
  "admin.calls.$id.interviews.tsx": {
    params: (f) => ({ id: f.reviewCall.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.interview-days.$id.tsx": {
    params: (f) => ({ id: f.interviewDay.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.interview-days.$id.schedule[.csv].tsx": {
    params: (f) => ({ id: f.interviewDay.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.interview-panels.$id.agenda.tsx": {
    params: (f) => ({ id: f.interviewPanel.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.calls.$id.calibration.tsx": {
    params: (f) => ({ id: f.reviewCall.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.calls.$id.dashboard.tsx": {
    params: (f) => ({ id: f.reviewCall.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.calls.$id.questions.tsx": {
    params: (f) => ({ id: f.reviewCall.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.cohorts.$id.tsx": {
    params: (f) => ({ id: f.cohort.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.cohorts.$id.roster[.csv].tsx": {
    params: (f) => ({ id: f.cohort.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.mailbox._index.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.mailbox.$file.tsx": {
    params: (f) => ({ file: f.mailboxFile }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.outbox._index.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.outbox.$id.tsx": {
    params: (f) => ({ id: f.outboxEmail.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: "405-none",
  },
  "admin.reviewers._index.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.reviewers.$id.tsx": {
    params: (f) => ({ id: f.users.invited.id }),
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.screening.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  "admin.sites.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  // Retention per call (issue 20): its periods, the next run's preview and "Run now", for admins only.
  "admin.retention.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  // Erasure requests an application blocks (issue 20): approved or refused by admins only.
  "admin.erasure-requests.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
  // Staff two-step verification (issue 20): the list and an admin's reset; an empty post names nobody (400).
  "admin.two-factor.tsx": {
    GET: ["login", "403", "403", "403", "403", "403", "403", "ok"],
    POST: ["401", "403", "403", "403", "403", "403", "403", "400"],
  },
};

// ---------------------------------------------------------------------------
// Route files, their URLs and their modules

const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");
const routeFiles = fs
  .readdirSync(ROUTES_DIR)
  .filter((file) => /\.tsx?$/.test(file) && !/\.(test|spec)\.tsx?$/.test(file))
  .sort();

/** `admin.calls.$id.applications[.csv].tsx` → ["admin", "calls", "$id", "applications.csv"]: dots split segments except inside [ ]. */
function segmentsOf(file: string): string[] {
  const name = file.replace(/\.tsx?$/, "");
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const char of name) {
    if (char === "[") escaped = true;
    else if (char === "]") escaped = false;
    else if (char === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += char;
  }
  segments.push(current);
  return segments;
}

/** A segment without Remix's trailing `_`, which only takes the route out of its parent's layout. */
const unnested = (segment: string) => segment.replace(/(.)_$/, "$1");

/** The names of the file's URL parameters (`$` alone is the splat, named `*`). */
function paramNames(file: string): string[] {
  return segmentsOf(file)
    .map(unnested)
    .filter((s) => s.startsWith("$"))
    .map((s) => (s === "$" ? "*" : s.slice(1)));
}

/** The URL the route answers for these parameters: pathless `_index` segments dropped, `$x` filled in. */
function urlPath(file: string, params: Record<string, string>): string {
  const parts = segmentsOf(file)
    .filter((s) => s !== "_index")
    .map(unnested)
    .map((s) => (s.startsWith("$") ? encodeURIComponent(params[s === "$" ? "*" : s.slice(1)]) : s));
  return `/${parts.join("/")}`;
}

const routeName = (file: string) => file.replace(/\.tsx?$/, "");

type RouteModule = { loader?: LoaderFunction; action?: ActionFunction };
const modules = new Map<string, Promise<RouteModule>>();
function loadModule(file: string): Promise<RouteModule> {
  let module = modules.get(file);
  if (!module) {
    module = import(path.join(ROUTES_DIR, file)) as Promise<RouteModule>;
    modules.set(file, module);
  }
  return module;
}

// ---------------------------------------------------------------------------
// Calling a cell

/** The outcome class of a response, and what it was, for the failure message. */
async function classify(response: Response, requestedPath: string): Promise<{ outcome: string; detail: string }> {
  const location = response.headers.get("Location");
  // Read every body to the end (files and CSV exports stream), keeping a little for the message.
  const body = (await response.text()).slice(0, 300);
  const detail = `${response.status}${location ? ` → ${location}` : ""}${body ? ` ${body}` : ""}`;
  if (response.status >= 300 && response.status < 400) {
    const target = new URL(location ?? "/", "http://localhost");
    if (target.pathname === "/login" && target.searchParams.has("redirectTo")) {
      // A login redirect must bring the visitor back where they were going.
      return { outcome: target.searchParams.get("redirectTo") === requestedPath ? "login" : "login (wrong redirectTo)", detail };
    }
    return { outcome: "ok", detail };
  }
  if (response.status >= 200 && response.status < 300) return { outcome: "ok", detail };
  return { outcome: String(response.status), detail };
}

let fixture: MatrixFixture;
const cookies = {} as Record<Exclude<MatrixRole, "anonymous">, string>;
const userOf = (role: Exclude<MatrixRole, "anonymous">) => fixture.users[role];

beforeAll(async () => {
  await dbReady;
  fixture = await createMatrixFixture();
  for (const role of MATRIX_ROLES) if (role !== "anonymous") cookies[role] = await signIn(userOf(role));
});

// ---------------------------------------------------------------------------
// The tests

const METHODS = [
  { method: "GET", fn: "loader" },
  { method: "POST", fn: "action" },
] as const;

describe("authorization matrix", () => {
  it("finds the route files on disk", () => {
    // The enumeration must work, or every check below would pass vacuously.
    expect(routeFiles.length).toBeGreaterThan(30);
    expect(routeFiles).toEqual(expect.arrayContaining(["admin.tsx", "founder.applications.$id.edit.$step.tsx", "healthz.ts", "$.tsx"]));
    expect(segmentsOf("admin.calls.$id.applications[.csv].tsx")).toEqual(["admin", "calls", "$id", "applications.csv"]);
    expect(urlPath("founder.applications.$id.edit.$step.tsx", { id: "a1", step: "project" })).toBe("/founder/applications/a1/edit/project");
  });

  it("has a row for every route file on disk", () => {
    const missing = routeFiles.filter((file) => !(file in EXPECTED));
    expect(missing, `app/routes files with no row in EXPECTED: ${missing.join(", ")}`).toEqual([]);
  });

  it("has no row for a route file that no longer exists", () => {
    const stale = Object.keys(EXPECTED).filter((file) => !routeFiles.includes(file));
    expect(stale, `EXPECTED rows with no file in app/routes: ${stale.join(", ")}`).toEqual([]);
  });

  for (const file of Object.keys(EXPECTED).filter((f) => !routeFiles.includes(f))) {
    it(`${routeName(file)} still exists in app/routes`, () => {
      throw new Error(`EXPECTED has a row for app/routes/${file}, which no longer exists: remove the row`);
    });
  }

  for (const file of routeFiles) {
    const name = routeName(file);
    const entry = EXPECTED[file];
    if (!entry) {
      it(`${name} is in the expected table`, () => {
        throw new Error(
          `app/routes/${file} has no row in EXPECTED (tests/integration/authorization-matrix.test.ts): add one for every role, GET and POST`,
        );
      });
      continue;
    }

    it(`${name} has a fixture value for every route parameter`, () => {
      const given = entry.params && fixture ? entry.params(fixture) : {};
      const names = paramNames(file);
      expect(
        names.filter((p) => !given[p]),
        `parameters of ${file} without a value`,
      ).toEqual([]);
      expect(
        Object.keys(given).filter((p) => !names.includes(p)),
        `values for parameters ${file} does not have`,
      ).toEqual([]);
    });

    for (const { method, fn } of METHODS) {
      const row = entry[method];
      if (row === "405-none") {
        it(`${name} ${method} → 405-none (no ${fn})`, async () => {
          expect(typeof (await loadModule(file))[fn], `${file} exports a ${fn}: give its ${method} row an outcome per role`).toBe(
            "undefined",
          );
        });
        continue;
      }
      MATRIX_ROLES.forEach((role, column) => {
        const expected = row[column];
        it(`${name} ${method} as ${ROLE_LABELS[role]} → ${expected}`, async () => {
          const handler = (await loadModule(file))[fn];
          expect(typeof handler, `${file} has no ${fn}: its ${method} row should say "405-none"`).toBe("function");
          const params = entry.params?.(fixture) ?? {};
          const requestedPath = urlPath(file, params);
          let cookie: string | null = null;
          if (role !== "anonymous") cookie = method === "POST" && entry.endsSession ? await signIn(userOf(role)) : cookies[role];
          const response = await callRoute(handler!, {
            path: requestedPath,
            params,
            cookie,
            ...(method === "POST" ? { form: {} } : {}),
          });
          const { outcome, detail } = await classify(response, requestedPath);
          expect(outcome, `${method} ${requestedPath} as ${ROLE_LABELS[role]}: ${detail}`).toBe(expected);
        });
      });
    }
  }
});
