import { render, toPlainText } from "@react-email/render";
import { createElement, type Attributes, type ComponentType } from "react";
import type { PlaceholderSpec } from "../app/domain/email-placeholders.ts";
import { fillPlaceholders } from "../app/domain/email-placeholders.ts";
import { InterviewSlotDetails, PlainTextBody, ReviewerFeedback, type InterviewSlotFacts } from "./components";
import { EmailLayout, type EmailProps } from "./layout";
import { formatEmailDateTime } from "./format";
import { DEADLINE_PLACEHOLDER, defaultWording, finalSubject, placeholderValues, specFromSample } from "./placeholders";
import { EMAIL_MESSAGES, type EmailLocale } from "./messages";
import { ApplicationSubmittedEmail, type ApplicationSubmittedPayload } from "./templates/application-submitted";
import { CallClosingSoonEmail, type CallClosingSoonPayload } from "./templates/call-closing-soon";
import { DecisionAcceptedEmail, type DecisionAcceptedPayload } from "./templates/decision-accepted";
import { DecisionRejectedEmail, type DecisionRejectedPayload } from "./templates/decision-rejected";
import { DecisionWaitlistedEmail, type DecisionWaitlistedPayload } from "./templates/decision-waitlisted";
import { EnrollmentConfirmedEmail, type EnrollmentConfirmedPayload } from "./templates/enrollment-confirmed";
import { InterviewInvitationEmail, type InterviewInvitationPayload } from "./templates/interview-invitation";
import { OfferExpiredEmail, type OfferExpiredPayload } from "./templates/offer-expired";
import { OfferReminderEmail, type OfferReminderPayload } from "./templates/offer-reminder";
import { PasswordResetEmail, type PasswordResetPayload } from "./templates/password-reset";
import { AssignmentList, ReviewAssignmentsEmail, type ReviewAssignmentsPayload } from "./templates/review-assignments";
import { ReviewerInvitationEmail, type ReviewerInvitationPayload } from "./templates/reviewer-invitation";
import { ScreeningFailedEmail, type ScreeningFailedPayload } from "./templates/screening-failed";
import { ScreeningPassedEmail, type ScreeningPassedPayload } from "./templates/screening-passed";
import { WaitlistPromotionEmail, type WaitlistPromotionPayload } from "./templates/waitlist-promotion";
import { AccountExistsEmail, type AccountExistsPayload } from "./templates/account-exists";
import { ApplicationWithdrawnEmail, type ApplicationWithdrawnPayload } from "./templates/application-withdrawn";
import { EmailVerificationEmail, type EmailVerificationPayload } from "./templates/email-verification";
import { OfferDeclinedEmail, type OfferDeclinedPayload } from "./templates/offer-declined";
import { PasswordResetNoAccountEmail, type PasswordResetNoAccountPayload } from "./templates/password-reset-no-account";
import { TeamInvitationEmail, type TeamInvitationPayload } from "./templates/team-invitation";
import { CheckInDueEmail, CheckInReminderEmail, type CheckInDuePayload } from "./templates/check-in-due";
import {
  DiscussionMentionEmail,
  DiscussionOpenedEmail,
  type DiscussionMentionPayload,
  type DiscussionOpenedPayload,
} from "./templates/discussion";
import { MessageFromStaffEmail, MessageFromTeamEmail, type MessagePayload } from "./templates/message";
import { AnnouncementEmail, type AnnouncementPayload } from "./templates/announcement";
import { InterviewSlotInvitationEmail, type InterviewSlotInvitationPayload } from "./templates/interview-slot-invitation";
import { InterviewBookedEmail, type InterviewBookedPayload } from "./templates/interview-booked";
import { InterviewCancelledEmail, type InterviewCancelledPayload } from "./templates/interview-cancelled";
import { InterviewReminderEmail, type InterviewReminderPayload } from "./templates/interview-reminder";
import { JuryAvailabilityRequestEmail, type JuryAvailabilityRequestPayload } from "./templates/jury-availability-request";
import { DataExportReadyEmail, type DataExportReadyPayload } from "./templates/data-export-ready";
import { TwoFactorResetEmail, type TwoFactorResetPayload } from "./templates/two-factor-reset";
import { CallOpenedEmail, type CallOpenedPayload } from "./templates/call-opened";

export type { EmailLocale } from "./messages";

/** What each template needs. Dates are ISO 8601 strings; every payload carries the recipient's `name`. */
export interface EmailPayloads {
  "application-submitted": ApplicationSubmittedPayload;
  "screening-passed": ScreeningPassedPayload;
  "screening-failed": ScreeningFailedPayload;
  "interview-invitation": InterviewInvitationPayload;
  "decision-accepted": DecisionAcceptedPayload;
  "decision-waitlisted": DecisionWaitlistedPayload;
  "decision-rejected": DecisionRejectedPayload;
  "offer-reminder": OfferReminderPayload;
  "offer-expired": OfferExpiredPayload;
  "waitlist-promotion": WaitlistPromotionPayload;
  "enrollment-confirmed": EnrollmentConfirmedPayload;
  "reviewer-invitation": ReviewerInvitationPayload;
  "team-invitation": TeamInvitationPayload;
  "review-assignments": ReviewAssignmentsPayload;
  "password-reset": PasswordResetPayload;
  "call-closing-soon": CallClosingSoonPayload;
  "email-verification": EmailVerificationPayload;
  "account-exists": AccountExistsPayload;
  "password-reset-no-account": PasswordResetNoAccountPayload;
  "application-withdrawn": ApplicationWithdrawnPayload;
  "offer-declined": OfferDeclinedPayload;
  "check-in-due": CheckInDuePayload;
  "check-in-reminder": CheckInDuePayload;
  "discussion-opened": DiscussionOpenedPayload;
  "discussion-mention": DiscussionMentionPayload;
  "message-from-team": MessagePayload;
  "message-from-staff": MessagePayload;
  announcement: AnnouncementPayload;
  "interview-slot-invitation": InterviewSlotInvitationPayload;
  "interview-booked": InterviewBookedPayload;
  "interview-cancelled": InterviewCancelledPayload;
  "interview-reminder": InterviewReminderPayload;
  "jury-availability-request": JuryAvailabilityRequestPayload;
  "call-opened": CallOpenedPayload;
  "data-export-ready": DataExportReadyPayload;
  "two-factor-reset": TwoFactorResetPayload;
}

export type EmailTemplate = keyof EmailPayloads;

// Typed as a full map, so adding a template to EmailPayloads without a component fails to compile.
const TEMPLATE_COMPONENTS: { [T in EmailTemplate]: ComponentType<EmailProps<EmailPayloads[T]>> } = {
  "application-submitted": ApplicationSubmittedEmail,
  "screening-passed": ScreeningPassedEmail,
  "screening-failed": ScreeningFailedEmail,
  "interview-invitation": InterviewInvitationEmail,
  "decision-accepted": DecisionAcceptedEmail,
  "decision-waitlisted": DecisionWaitlistedEmail,
  "decision-rejected": DecisionRejectedEmail,
  "offer-reminder": OfferReminderEmail,
  "offer-expired": OfferExpiredEmail,
  "waitlist-promotion": WaitlistPromotionEmail,
  "enrollment-confirmed": EnrollmentConfirmedEmail,
  "reviewer-invitation": ReviewerInvitationEmail,
  "team-invitation": TeamInvitationEmail,
  "review-assignments": ReviewAssignmentsEmail,
  "password-reset": PasswordResetEmail,
  "call-closing-soon": CallClosingSoonEmail,
  "email-verification": EmailVerificationEmail,
  "account-exists": AccountExistsEmail,
  "password-reset-no-account": PasswordResetNoAccountEmail,
  "application-withdrawn": ApplicationWithdrawnEmail,
  "offer-declined": OfferDeclinedEmail,
  "check-in-due": CheckInDueEmail,
  "check-in-reminder": CheckInReminderEmail,
  "discussion-opened": DiscussionOpenedEmail,
  "discussion-mention": DiscussionMentionEmail,
  "message-from-team": MessageFromTeamEmail,
  "message-from-staff": MessageFromStaffEmail,
  announcement: AnnouncementEmail,
  "interview-slot-invitation": InterviewSlotInvitationEmail,
  "interview-booked": InterviewBookedEmail,
  "interview-cancelled": InterviewCancelledEmail,
  "interview-reminder": InterviewReminderEmail,
  "jury-availability-request": JuryAvailabilityRequestEmail,
  "call-opened": CallOpenedEmail,
  "data-export-ready": DataExportReadyEmail,
  "two-factor-reset": TwoFactorResetEmail,
};

export const EMAIL_TEMPLATES: readonly EmailTemplate[] = Object.freeze(Object.keys(TEMPLATE_COMPONENTS) as EmailTemplate[]);

/** The emails whose wording admins may change (issue 18): all but an announcement, which an admin writes each time. */
export const EDITABLE_TEMPLATES: readonly EmailTemplate[] = EMAIL_TEMPLATES.filter((template) => template !== "announcement");

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * The emails that ask their recipient to act, and the payload field holding the deadline: their subject
 * starts with "Action required:" and ends with that deadline, whoever worded the rest (issue 18).
 */
export const ACTION_DEADLINES: Partial<Record<EmailTemplate, string>> = {
  "decision-accepted": "respondBy",
  "waitlist-promotion": "respondBy",
  "offer-reminder": "expiresAt",
  "team-invitation": "expiresAt",
  "reviewer-invitation": "expiresAt",
  "email-verification": "expiresAt",
  "call-closing-soon": "closesAt",
  "check-in-due": "dueAt",
  "check-in-reminder": "dueAt",
  "interview-slot-invitation": "bookBy",
  "data-export-ready": "expiresAt",
};

/**
 * The pitch-day emails' moments (issue 19) that emails/placeholders.ts, which knows a field by its name only,
 * would not write with their time: a deadline of its own name, and an interview's `startsAt`, which there
 * stands for a cohort's first day. Their placeholders read as the default templates write them.
 */
const MOMENT_FIELDS: Partial<Record<EmailTemplate, readonly string[]>> = {
  "interview-slot-invitation": ["bookBy"],
  "interview-booked": ["startsAt", "endsAt", "changeUntil"],
  "interview-cancelled": ["startsAt", "endsAt"],
  "interview-reminder": ["startsAt", "endsAt"],
  "two-factor-reset": ["resetAt"],
};

/** The text each placeholder of `template` stands for in one email. */
function valuesOf(template: EmailTemplate, payload: object, locale: EmailLocale): Record<string, string> {
  const deadlineField = ACTION_DEADLINES[template];
  const values = placeholderValues(payload, locale, deadlineField);
  const fields = payload as Record<string, unknown>;
  for (const field of MOMENT_FIELDS[template] ?? []) {
    const value = fields[field];
    if (typeof value === "string") values[field] = formatEmailDateTime(value, locale);
  }
  if (deadlineField && deadlineField in values) values[DEADLINE_PLACEHOLDER] = values[deadlineField];
  return values;
}

/** An admin's wording of a template in one language (app/models/email-template.server.ts). */
export interface CustomWording {
  subject: string;
  body: string;
}

/** What an admin's wording of `template` may and must use. */
export function wordingSpec(template: EmailTemplate): PlaceholderSpec {
  return specFromSample(SAMPLE_PAYLOADS[template], ACTION_DEADLINES[template]);
}

/** The wording an admin edits before they changed anything: the default's words, as placeholders and text. */
export function defaultWordingOf(template: EmailTemplate, locale: EmailLocale): CustomWording {
  return defaultWording(template, locale, wordingSpec(template));
}

// html-to-text shouts headings in capitals by default; keep the writer's case.
// A link written out as its own address (an admin's text) is printed once, not followed by itself in brackets.
const PLAIN_TEXT_SELECTORS = [
  ...["h1", "h2"].map((selector) => ({ selector, options: { uppercase: false } })),
  { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
];

/**
 * Renders an email in the recipient's language: from the default react-email template, or from an admin's
 * wording (`custom`) in the same layout — their paragraphs, then what a plain text cannot carry (the
 * reviewers' approved feedback, a list of assignments, an interview slot's facts).
 */
export async function renderEmail<T extends EmailTemplate>(
  template: T,
  locale: EmailLocale,
  payload: EmailPayloads[T],
  custom?: CustomWording | null,
): Promise<RenderedEmail> {
  const deadlineField = ACTION_DEADLINES[template];
  const values = valuesOf(template, payload, locale);
  const element = custom
    ? customElement(template, locale, payload, custom, values)
    : // TypeScript cannot prove a generic payload free of a conflicting React `key`; it never has one.
      createElement(TEMPLATE_COMPONENTS[template], { ...payload, locale } as EmailProps<EmailPayloads[T]> & Attributes);
  // Rendered once; the plain text is derived from that HTML rather than from a second render.
  const html = await render(element);
  const text = toPlainText(html, { selectors: PLAIN_TEXT_SELECTORS });
  const subjectTemplate = custom ? custom.subject : EMAIL_MESSAGES[locale].templates[template].subject;
  const deadline = deadlineField ? (payload as object as Record<string, unknown>)[deadlineField] : undefined;
  const subject = finalSubject(fillPlaceholders(subjectTemplate, values), locale, typeof deadline === "string" ? deadline : undefined);
  return { subject, html, text };
}

/** The emails about one interview slot: an admin's wording of them is followed by the slot's facts. */
const INTERVIEW_SLOT_TEMPLATES: ReadonlySet<EmailTemplate> = new Set(["interview-booked", "interview-cancelled", "interview-reminder"]);

function customElement(
  template: EmailTemplate,
  locale: EmailLocale,
  payload: object,
  custom: CustomWording,
  values: Record<string, string>,
) {
  const body = fillPlaceholders(custom.body, values);
  const firstLine = body.trim().split("\n")[0] ?? "";
  const extras = payload as { feedback?: string; items?: ReviewAssignmentsPayload["items"] };
  const copy = EMAIL_MESSAGES[locale].templates;
  return (
    <EmailLayout
      locale={locale}
      recipientName={values.name ?? ""}
      heading={fillPlaceholders(custom.subject, values).replace(/\s+/g, " ").trim()}
      preview={firstLine.slice(0, 140)}
    >
      <PlainTextBody text={body} />
      {template === "decision-rejected" || template === "decision-waitlisted" ? (
        <ReviewerFeedback heading={copy[template].feedbackHeading} intro={copy[template].feedbackIntro} text={extras.feedback} />
      ) : null}
      {template === "review-assignments" && extras.items ? (
        <AssignmentList items={extras.items} dueByTemplate={copy["review-assignments"].dueBy} />
      ) : null}
      {INTERVIEW_SLOT_TEMPLATES.has(template) ? <InterviewSlotDetails slot={payload as InterviewSlotFacts} /> : null}
    </EmailLayout>
  );
}

const INTERVIEW_SLOT_SAMPLE = {
  projectName: "Argan Trace",
  callTitle: "Incubation Green Tech 2027 — Agadir",
  siteName: "Agadir",
  startsAt: "2027-03-23T09:00:00Z",
  endsAt: "2027-03-23T09:30:00Z",
  place: "Technopark Agadir, Immeuble Founty, salle 2",
} as const;

const CHECK_IN_SAMPLE: CheckInDuePayload = {
  name: "Salma Bennani",
  projectName: "Atlas Agritech",
  cohortName: "Agadir — printemps 2026",
  monthsAfter: 6,
  dueAt: "2026-10-01T09:00:00Z",
  checkInUrl: "https://tremplin.example.ma/founder/applications/TP-AGA-2026-0142/check-ins/6",
};

/** Realistic data for previews and tests: one payload per template. */
export const SAMPLE_PAYLOADS: { [T in EmailTemplate]: EmailPayloads[T] } = {
  "application-submitted": {
    name: "Salma Bennani",
    projectName: "Atlas Agritech",
    callTitle: "Incubation Green Tech 2027 — Agadir",
    submittedAt: "2026-11-14T16:42:00Z",
    applicationUrl: "https://tremplin.example.ma/fr/applications/TP-AGA-2026-0142",
  },
  "screening-passed": {
    name: "Youssef El Amrani",
    projectName: "Darija Speech",
    callTitle: "Nouvelles technologies — Cohorte printemps 2027",
    applicationUrl: "https://tremplin.example.ma/fr/applications/TP-RAB-2026-0087",
  },
  "screening-failed": {
    name: "Khadija Ouazzani",
    projectName: "Souk Express",
    callTitle: "Nouvelles technologies — Cohorte printemps 2027",
    reason: "Le projet doit être porté par une entreprise créée depuis moins de trois ans.",
    applicationUrl: "https://tremplin.example.ma/fr/applications/TP-CAS-2026-0311",
  },
  "interview-invitation": {
    name: "Mehdi Tazi",
    projectName: "Argan Trace",
    at: "2026-12-01T09:00:00Z",
    place: "Technopark Agadir, Immeuble Founty, Avenue Mohammed VI, Agadir",
    applicationUrl: "https://tremplin.example.ma/fr/applications/TP-AGA-2026-0150",
  },
  "decision-accepted": {
    name: "Salma Bennani",
    projectName: "Atlas Agritech",
    cohortName: "Green Tech Agadir — Promotion 2027",
    siteName: "Agadir",
    startsAt: "2027-02-01T08:00:00Z",
    respondBy: "2026-12-20T22:59:00Z",
    offerUrl: "https://tremplin.example.ma/fr/offers/9f3c2a7e",
  },
  "decision-waitlisted": {
    name: "Omar Chraibi",
    projectName: "Fès Craft Market",
    callTitle: "Industries culturelles et créatives 2027",
    feedback: "Un projet solide : chiffrez le coût d'acquisition d'un artisan pour la prochaine étape.",
    applicationUrl: "https://tremplin.example.ma/fr/applications/TP-FES-2026-0042",
  },
  "decision-rejected": {
    name: "Nadia Berrada",
    projectName: "TaxiGo Oujda",
    callTitle: "Nouvelles technologies — Cohorte printemps 2027",
    feedback:
      "Le problème est bien posé, mais le marché visé reste à chiffrer : pensez à présenter une première validation auprès de clients.",
    applicationUrl: "https://tremplin.example.ma/fr/applications/TP-OUJ-2026-0019",
  },
  "offer-reminder": {
    name: "Hamza Alaoui",
    projectName: "SolarPump Souss",
    cohortName: "Green Tech Agadir — Promotion 2027",
    expiresAt: "2026-12-20T22:59:00Z",
    offerUrl: "https://tremplin.example.ma/fr/offers/1b7d44c0",
  },
  "offer-expired": {
    name: "Hamza Alaoui",
    projectName: "SolarPump Souss",
    cohortName: "Green Tech Agadir — Promotion 2027",
    applicationUrl: "https://tremplin.example.ma/fr/applications/TP-AGA-2026-0161",
  },
  "waitlist-promotion": {
    name: "Omar Chraibi",
    projectName: "Fès Craft Market",
    cohortName: "ICC Fès — Promotion 2027",
    siteName: "Fès",
    startsAt: "2027-02-08T08:00:00Z",
    respondBy: "2027-01-10T22:59:00Z",
    offerUrl: "https://tremplin.example.ma/fr/offers/c05e81d2",
  },
  "enrollment-confirmed": {
    name: "Salma Bennani",
    projectName: "Atlas Agritech",
    cohortName: "Green Tech Agadir — Promotion 2027",
    siteName: "Agadir",
    startsAt: "2027-02-01T08:00:00Z",
  },
  "reviewer-invitation": {
    name: "Rachid Benjelloun",
    inviterName: "Imane Sebti",
    setPasswordUrl: "https://tremplin.example.ma/fr/invitations/accept?token=f1a9c3d07b",
    expiresAt: "2026-11-28T18:00:00Z",
  },
  "team-invitation": {
    name: "Youssef El Amrani",
    leadName: "Salma Bennani",
    projectName: "Atlas Agritech",
    callTitle: "Appel à candidatures 2027",
    acceptUrl: "https://tremplin.example.ma/team-invitations/f1a9c3d07b",
    expiresAt: "2026-12-09T18:00:00Z",
  },
  "review-assignments": {
    name: "Rachid Benjelloun",
    count: 4,
    items: [
      { reference: "TP-CAS-2026-0311", projectName: "Souk Express", dueAt: "2026-12-05T22:59:00Z" },
      { reference: "TP-RAB-2026-0087", projectName: "Darija Speech", dueAt: "2026-12-05T22:59:00Z" },
      { reference: "TP-TNG-2026-0024", projectName: "Tanger Port Data" },
    ],
    queueUrl: "https://tremplin.example.ma/fr/reviews",
  },
  "password-reset": {
    name: "Khadija Ouazzani",
    resetUrl: "https://tremplin.example.ma/fr/password/reset?token=8e21bd04aa",
    expiresAt: "2026-11-14T17:42:00Z",
  },
  "call-closing-soon": {
    name: "Youssef El Amrani",
    callTitle: "Nouvelles technologies — Cohorte printemps 2027",
    closesAt: "2027-01-15T22:59:00Z",
    draftUrl: "https://tremplin.example.ma/fr/applications/TP-RAB-2026-0093/edit",
  },
  "email-verification": {
    name: "Salma Bennani",
    verifyUrl: "https://tremplin.example.ma/verify-email/3c9e51f0d2",
    expiresAt: "2026-11-16T16:42:00Z",
  },
  "account-exists": {
    name: "Khadija Ouazzani",
    loginUrl: "https://tremplin.example.ma/login",
    forgotPasswordUrl: "https://tremplin.example.ma/forgot-password",
  },
  "password-reset-no-account": {
    name: "nadia.berrada@example.ma",
    signupUrl: "https://tremplin.example.ma/signup",
  },
  "application-withdrawn": {
    name: "Omar Chraibi",
    projectName: "Fès Craft Market",
    callTitle: "Industries culturelles et créatives 2027",
    applicationUrl: "https://tremplin.example.ma/founder/applications/TP-FES-2026-0042",
  },
  "offer-declined": {
    name: "Hamza Alaoui",
    projectName: "SolarPump Souss",
    callTitle: "Incubation Green Tech 2027 — Agadir",
    applicationUrl: "https://tremplin.example.ma/founder/applications/TP-AGA-2026-0161",
  },
  "check-in-due": CHECK_IN_SAMPLE,
  "check-in-reminder": CHECK_IN_SAMPLE,
  "discussion-opened": {
    name: "Youssef Idrissi",
    projectName: "SolarPump Souss",
    discussionUrl: "https://tremplin.example.ma/staff/discussions/TP-AGA-2026-0161",
  },
  "discussion-mention": {
    name: "Salma Bennani",
    projectName: "SolarPump Souss",
    author: { reviewerLetter: "B" },
    text: "Le marché visé me semble plus étroit que ne le dit l'équipe : qu'en pensez-vous ?",
    discussionUrl: "https://tremplin.example.ma/staff/discussions/TP-AGA-2026-0161#post-1",
  },
  "message-from-team": {
    name: "Salma Bennani",
    projectName: "SolarPump Souss",
    threadUrl: "https://tremplin.example.ma/admin/applications/TP-AGA-2026-0161/messages",
  },
  "message-from-staff": {
    name: "Youssef Idrissi",
    projectName: "SolarPump Souss",
    threadUrl: "https://tremplin.example.ma/founder/applications/TP-AGA-2026-0161/messages",
  },
  announcement: {
    name: "Salma Bennani",
    subject: "Journée de démonstration de la cohorte le 12 mars",
    // One paragraph without a link: the template tests find every value of a sample, as written, in the email.
    body: "Les projets de la cohorte présentent leurs avancées aux partenaires du réseau le jeudi 12 mars à 10 h, au Technopark de Casablanca. Merci de confirmer la présence de votre équipe d'ici lundi.",
  },
  "interview-slot-invitation": {
    name: "Mehdi Tazi",
    projectName: "Argan Trace",
    callTitle: "Incubation Green Tech 2027 — Agadir",
    bookingUrl: "https://tremplin.example.ma/founder/applications/TP-AGA-2026-0150/interview",
    bookBy: "2027-03-18T22:59:00Z",
  },
  "interview-booked": {
    name: "Mehdi Tazi",
    ...INTERVIEW_SLOT_SAMPLE,
    changeUntil: "2027-03-21T09:00:00Z",
    bookingUrl: "https://tremplin.example.ma/founder/applications/TP-AGA-2026-0150/interview",
    changed: false,
    calendar: { uid: "interview-cm7atlas0150@tremplin.example.ma", sequence: 0, stamp: "2027-03-15T10:15:00Z" },
  },
  "interview-cancelled": {
    name: "Mehdi Tazi",
    ...INTERVIEW_SLOT_SAMPLE,
    place: "https://meet.example.ma/tremplin-pitch-agadir-2",
    bookingUrl: "https://tremplin.example.ma/founder/applications/TP-AGA-2026-0150/interview",
    calendar: { uid: "interview-cm7atlas0150@tremplin.example.ma", sequence: 2, stamp: "2027-03-19T08:00:00Z" },
  },
  "interview-reminder": {
    name: "Mehdi Tazi",
    ...INTERVIEW_SLOT_SAMPLE,
    bookingUrl: "https://tremplin.example.ma/founder/applications/TP-AGA-2026-0150/interview",
    hoursBefore: 48,
  },
  "jury-availability-request": {
    name: "Rachid Benjelloun",
    callTitle: "Incubation Green Tech 2027 — Agadir",
    availabilityUrl: "https://tremplin.example.ma/reviewer/interviews",
    dayCount: 3,
  },
  "data-export-ready": {
    name: "Salma Idrissi",
    downloadUrl: "https://tremplin.example.ma/account/export/Zk3q9vS0bHq4l1m2n3o4p5q6r7s8t9u0v1w2x3y4",
    expiresAt: "2027-11-30T22:59:00Z",
  },
  "two-factor-reset": {
    name: "Youssef El Amrani",
    resetBy: "Salma Bennani",
    resetAt: "2027-03-02T09:15:00Z",
    signInUrl: "https://tremplin.example.ma/login",
  },
  "call-opened": {
    name: "Khadija Ouazzani",
    callTitle: "Industries culturelles et créatives 2028 — Fès",
    callUrl: "https://tremplin.example.ma/calls/icc-fes-2028",
    closesAt: "2027-11-30T22:59:00Z",
    accountUrl: "https://tremplin.example.ma/account",
  },
};
