// An application's discussion (issue 18), in English then in Arabic, on the app server that mails through
// the SMTP sink: a new founder's application is screened and staffed; its reviewers read their emails in
// the language of the run (their account's language, set by the header's switcher); two of them score it
// far apart, which opens its discussion and emails both; one writes in it and mentions the other, who gets
// the message by email and reads it under "Reviewer A/B/C", never a name; the third, who has not
// reviewed, is kept out until they do. The admin then drafts the one feedback text for the founder and both
// reviewers who scored approve it (issue 18's consensus feedback); the admin reads the call's reviewer calibration,
// a reviewer their own. The application then goes to the committee and is not selected; the admin words the
// rejection email in the founder's language, previews the release's emails and releases: the founder, in the
// run's language, gets the admins' wording with that approved text as the only reviewer text. axe on each page.
//
// The two languages run one after the other, in one test: their reviewers are the demo's, shared on this
// server, and each language's round sets their account's language. The demo admin keeps theirs (French): other
// specs on this server share the account, and a signed-in user's saved language decides the page's. The
// admin's new pages are checked in English and Arabic on the main server (staff-pages.spec.ts).
import type { Page } from "@playwright/test";
import { EMAIL_MESSAGES } from "../../emails/messages.ts";
import { SMTP_E2E } from "../../playwright.config.ts";
import {
  catalogs,
  DEMO,
  emailSubject,
  expect,
  expectNoSeriousA11yViolations,
  interpolate,
  open,
  peopleOnSmtpApp,
  sinkEmails,
  submittedApplicationOverHttp,
  test,
  type Locale,
  type SinkEmail,
} from "./support.ts";

const DISCUSSION_LINK = /\/staff\/discussions\/[A-Za-z0-9_-]+(#post-[A-Za-z0-9_-]+)?/;

/** A person on the SMTP app, their browser closed after the test. */
const personIn = peopleOnSmtpApp();

/** A translated template as a regular expression, its placeholders matching `placeholder`. */
function templatePattern(template: string, placeholder: string): RegExp {
  return new RegExp(
    template
      .split(/\{\{\w+\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(placeholder),
  );
}

/** The emails of `template` to `to` with `projectName` in their subject (in `locale`), once there are `count`. */
async function emailsTo(to: string, template: "discussion-opened" | "discussion-mention", locale: Locale, projectName: string) {
  const subject = emailSubject(template, locale, { projectName });
  let found: SinkEmail[] = [];
  await expect
    .poll(async () => (found = (await sinkEmails(SMTP_E2E.sinkURL, to)).filter((email) => email.subject === subject)).length, {
      message: `"${subject}" to ${to}`,
      timeout: 60_000,
      intervals: [500, 1_000, 2_000],
    })
    .toBe(1);
  return found[0];
}

test("reviewers far apart get the application's discussion opened, in English then Arabic; a mention reaches the other by email", async ({
  browser,
}) => {
  test.slow();
  for (const locale of ["en", "ar"] as const) {
    await test.step(locale, async () => {
      const t = catalogs[locale];
      // The admin's pages, in the demo admin's own language.
      const ta = catalogs.fr;
      const projectName = `Débat ${locale.toUpperCase()} ${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
      const application = await submittedApplicationOverHttp(browser, projectName, undefined, SMTP_E2E.appURL, locale);

      // The admin declares it eligible and staffs it.
      const admin = await personIn(browser, "fr", DEMO.admin, { keepLanguage: true });
      await open(admin, `/admin/screening?call=${application.callSlug}`);
      const card = admin
        .getByRole("listitem")
        .filter({ has: admin.getByRole("heading", { level: 2 }).getByRole("link", { name: projectName, exact: true }) });
      for (const criterion of [ta.screening.complete, ta.screening.sectorFit, ta.screening.siteFit])
        await card.getByRole("checkbox", { name: criterion, exact: true }).check();
      await card.getByRole("button", { name: ta.screening.eligible, exact: true }).click();
      await expect(admin.getByRole("status").filter({ hasText: ta.screening.movedToReview })).toBeVisible();
      await open(admin, `/admin/applications?call=${application.callSlug}`);
      await admin.getByRole("button", { name: ta.assignments.run, exact: true }).click();
      await expect(admin.getByRole("status").filter({ hasText: templatePattern(ta.assignments.report, "\\d+") })).toBeVisible();
      await open(admin, `/admin/applications/${application.id}`);
      const rows = admin.getByRole("table", { name: ta.admin.reviewsPerCriterion }).locator("tbody").getByRole("row");
      await expect(rows).toHaveCount(3);
      const names = (await rows.getByRole("rowheader").evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent ?? ""))).map(
        (name) => name.trim(),
      );
      await open(admin, "/admin/reviewers");
      const emails: string[] = [];
      for (const name of names) {
        const row = admin
          .getByRole("table", { name: ta.reviewers.title })
          .getByRole("row")
          .filter({ has: admin.getByRole("link", { name, exact: true }) });
        emails.push(((await row.locator("small").first().textContent()) ?? "").trim());
      }
      const [enthusiast, sceptic, latecomer] = await Promise.all(emails.map((email) => personIn(browser, locale, email)));

      // The third reviewer, who has not scored yet, is kept out of the discussion: nobody is anchored.
      const discussionPath = `/staff/discussions/${application.id}`;
      const early = await open(latecomer, discussionPath);
      expect(early?.status()).toBe(403);
      await expect(latecomer.getByRole("main")).toContainText(t.discussion.errors.reviewFirst);

      // Two reviews far apart: every criterion 5 against 1.
      for (const [reviewer, value, recommendation] of [
        [enthusiast, 5, "STRONG_YES"],
        [sceptic, 1, "NO"],
      ] as const) {
        await open(reviewer, "/reviewer");
        await reviewer
          .getByRole("table", { name: t.review.todo, exact: true })
          .getByRole("link", { name: projectName, exact: true })
          .click();
        await expect(reviewer.getByRole("heading", { level: 1, name: projectName, exact: true })).toBeVisible();
        const weight = templatePattern(t.review.weight, "\\d+").source;
        for (const group of await reviewer.getByRole("group", { name: new RegExp(`\\(${weight}\\)$`) }).all())
          await group.getByRole("radio", { name: new RegExp(`^${value} — `) }).check();
        await reviewer
          .getByRole("group", { name: t.review.recommendation, exact: true })
          .getByRole("radio", { name: t.review.recommendations[recommendation], exact: true })
          .check();
        await reviewer.getByRole("button", { name: t.review.submit, exact: true }).click();
        await expect(reviewer.locator("#flash[role=status]")).toHaveText(t.review.submitted);
      }

      // Both who scored are emailed, in their language, with the discussion's link; the third is not.
      const opened = await emailsTo(emails[0], "discussion-opened", locale, projectName);
      await emailsTo(emails[1], "discussion-opened", locale, projectName);
      expect(opened.text).toContain(EMAIL_MESSAGES[locale].templates["discussion-opened"].cta);
      const link = opened.text.match(DISCUSSION_LINK)?.[0];
      expect(link, "the discussion's link in the email").toBe(discussionPath);
      expect((await sinkEmails(SMTP_E2E.sinkURL, emails[2])).map((email) => email.subject)).not.toContain(
        emailSubject("discussion-opened", locale, { projectName }),
      );

      // The enthusiast writes, mentioning the other reviewer — named by a letter, not by a name.
      await open(enthusiast, link!);
      await expect(enthusiast.getByRole("heading", { level: 1 })).toHaveText(interpolate(t.discussion.heading, { projectName }));
      await expect(enthusiast.getByRole("main")).toContainText(t.discussion.opened.split("{{")[0]);
      await expectNoSeriousA11yViolations(enthusiast, `the discussion page, in ${locale}`);
      const letter = new RegExp(`^${templatePattern(t.discussion.reviewer, "[A-C]").source}$`);
      const mentions = enthusiast.getByRole("group", { name: t.discussion.mentions, exact: true });
      await expect(mentions.getByRole("checkbox", { name: letter })).toHaveCount(1);
      for (const name of names) await expect(mentions.getByRole("checkbox", { name, exact: true })).toHaveCount(0);
      const message = `The deck shows 120 pilot shops <script>alert(1)</script> — ${locale}`;
      await enthusiast.getByLabel(t.discussion.body, { exact: true }).fill(message);
      await mentions.getByRole("checkbox", { name: letter }).check();
      await enthusiast.getByRole("button", { name: t.discussion.post, exact: true }).click();
      await expect(enthusiast.getByRole("status").filter({ hasText: t.discussion.posted })).toBeVisible();
      await expect(enthusiast.locator(".discussion .discussion-body")).toHaveText([message]);

      // The mentioned reviewer gets the message by email in their language, with a link to the post.
      const mention = await emailsTo(emails[1], "discussion-mention", locale, projectName);
      expect(mention.text).toContain(message);
      expect(mention.html).not.toContain("<script>");
      const postLink = mention.text.match(DISCUSSION_LINK)?.[0];
      expect(postLink).toMatch(new RegExp(`^${discussionPath}#post-`));
      await open(sceptic, postLink!);
      const post = sceptic.locator(`#${postLink!.split("#")[1]}`);
      await expect(post.locator(".discussion-body")).toHaveText(message);
      await expect(post.locator("strong")).toHaveText(letter);
      // Only their own name: the others are letters.
      for (const name of [names[0], names[2]]) await expect(sceptic.getByRole("main")).not.toContainText(name);

      // The admin reads it too, from the application's page.
      await open(admin, `/admin/applications/${application.id}`);
      await admin.getByRole("link", { name: ta.discussion.open, exact: true }).click();
      await expect(admin.locator(".discussion .discussion-body")).toHaveText([message]);

      // Consensus feedback: the admin drafts the one text the founder may receive; both who scored approve it.
      const consensusOf = (page: Page) => page.getByRole("region", { name: (page === admin ? ta : t).consensus.heading, exact: true });
      await expect(consensusOf(admin).getByText(ta.consensus.none, { exact: true })).toBeVisible();
      const feedback = `Chiffrez votre marché et montrez une première vente — ${locale}`;
      await consensusOf(admin).getByLabel(ta.consensus.text, { exact: true }).fill(feedback);
      await consensusOf(admin).getByRole("button", { name: ta.consensus.propose, exact: true }).click();
      await expect(admin.getByRole("status").filter({ hasText: ta.consensus.proposed })).toBeVisible();
      await expect(consensusOf(admin).locator(".consensus-text")).toHaveText(feedback);
      await expectNoSeriousA11yViolations(admin, "the consensus feedback awaiting approval, in French");
      for (const reviewer of [sceptic, enthusiast]) {
        await open(reviewer, discussionPath);
        const answer = consensusOf(reviewer).getByRole("group", { name: t.consensus.answer, exact: true });
        if (reviewer === sceptic) {
          // Asking for changes takes a comment: refused in the browser, the choice kept.
          await answer.getByRole("radio", { name: t.consensus.requestChanges, exact: true }).check();
          await consensusOf(reviewer).getByRole("button", { name: t.consensus.send, exact: true }).click();
          await expect(consensusOf(reviewer).getByText(t.consensus.errors.commentRequired, { exact: true })).toBeVisible();
          await expect(answer.getByRole("radio", { name: t.consensus.requestChanges, exact: true })).toBeChecked();
        }
        await answer.getByRole("radio", { name: t.consensus.approve, exact: true }).check();
        await consensusOf(reviewer).getByRole("button", { name: t.consensus.send, exact: true }).click();
        await expect(reviewer.getByRole("status").filter({ hasText: t.consensus.answered })).toBeVisible();
      }
      await open(admin, discussionPath);
      await expect(consensusOf(admin)).toContainText(templatePattern(ta.consensus.approved, ".+"));

      // Reviewer calibration: the admin reads the call's reviewers from the application's page; a reviewer, their own figures.
      await open(admin, `/admin/applications/${application.id}`);
      await admin.getByRole("link", { name: ta.calibration.title, exact: true }).click();
      await expect(admin.getByRole("heading", { level: 1 })).toContainText(ta.calibration.title);
      const calibration = admin.getByRole("table", { name: ta.calibration.tableCaption, exact: true });
      for (const name of names.slice(0, 2)) await expect(calibration.getByRole("rowheader", { name, exact: true })).toBeVisible();
      await expectNoSeriousA11yViolations(admin, "the reviewer calibration of a call, in French");
      await open(enthusiast, "/reviewer");
      await enthusiast.getByRole("link", { name: t.staffNav.reviewer.calibration, exact: true }).click();
      await expect(enthusiast.getByRole("heading", { level: 1, name: t.calibration.ownTitle, exact: true })).toBeVisible();
      await expect(enthusiast.getByRole("table", { name: t.calibration.ownTableCaption, exact: true }).getByRole("row")).not.toHaveCount(1);
      for (const name of names.slice(1)) await expect(enthusiast.getByRole("main")).not.toContainText(name);
      await expectNoSeriousA11yViolations(enthusiast, `a reviewer's own calibration, in ${locale}`);

      // The decision: to the committee (the third reviewer never scored: an override, with its reason), not
      // selected, released after the admin saw who will be emailed. The founder gets the approved text, in
      // their language, as the only reviewer text — never a reviewer's own words.
      await open(admin, `/admin/applications/${application.id}`);
      // The call's pages, from the application's link to its calibration.
      const callPath = ((await admin.getByRole("link", { name: ta.calibration.title, exact: true }).getAttribute("href")) ?? "").replace(
        /\/calibration$/,
        "",
      );
      for (const [transition, reason] of [
        [ta.transitions.sendToCommittee, "Deux évaluations suffisent ici"],
        [ta.transitions.reject, "Marché à démontrer"],
      ] as const) {
        await admin.getByLabel(ta.admin.transition, { exact: true }).selectOption({ label: transition }, { timeout: 15_000 });
        await admin.getByLabel(ta.admin.reason, { exact: true }).fill(reason, { timeout: 15_000 });
        if (transition === ta.transitions.sendToCommittee)
          await admin.getByLabel(ta.admin.override, { exact: true }).check({ timeout: 15_000 });
        const moved = admin.waitForResponse(
          (response) => response.request().method() === "POST" && response.url().includes(application.id),
        );
        await admin.getByRole("button", { name: ta.admin.apply, exact: true }).click({ timeout: 15_000 });
        expect((await moved).status(), `the move "${transition}"`).toBeLessThan(400);
        // The page again, with the application's new version for the next move.
        await open(admin, `/admin/applications/${application.id}`);
      }
      // The rejection email in the founder's language, as the admins word it (their version is what the release sends).
      const wording = {
        en: {
          subject: "Our answer about {{projectName}}",
          body: "Thank you, team of {{projectName}}, for applying.\n\n{{applicationUrl}}",
        },
        ar: { subject: "جوابنا بشأن {{projectName}}", body: "شكرا لفريق {{projectName}} على ترشحه.\n\n{{applicationUrl}}" },
      }[locale];
      await open(admin, `/admin/emails/decision-rejected/${locale}`);
      await admin.getByLabel(ta.emailTemplates.subject, { exact: true }).fill(wording.subject);
      await admin.getByLabel(ta.emailTemplates.body, { exact: true }).fill(wording.body);
      await admin.getByRole("button", { name: ta.emailTemplates.save, exact: true }).click();
      await expect(admin.getByRole("status").filter({ hasText: ta.emailTemplates.saved.split("{{")[0].trim() })).toBeVisible();

      await open(admin, `${callPath}/allocation`);
      await admin.getByRole("button", { name: ta.allocation.previewRelease, exact: true }).click({ timeout: 15_000 });
      const preview = admin.getByRole("region", { name: ta.emailPreview.title, exact: true });
      await expect(preview.getByRole("article").filter({ hasText: ta.emailTemplates.names["decision-rejected"] })).toContainText(feedback);
      await admin.getByRole("button", { name: ta.allocation.release, exact: true }).click({ timeout: 15_000 });
      await expect(admin.getByRole("status").filter({ hasText: templatePattern(ta.allocation.released, "\\d+") })).toBeVisible();
      let decision: SinkEmail | undefined;
      const decisionSubject = interpolate(wording.subject, { projectName });
      await expect
        .poll(
          async () =>
            (decision = (await sinkEmails(SMTP_E2E.sinkURL, application.founderEmail)).find((e) => e.subject === decisionSubject)),
          {
            message: `the decision email to the founder, in ${locale}`,
            timeout: 60_000,
            intervals: [500, 1_000, 2_000],
          },
        )
        .toBeTruthy();
      expect(decision!.text).toContain(EMAIL_MESSAGES[locale].templates["decision-rejected"].feedbackHeading);
      expect(decision!.text).toContain(feedback);
      expect(decision!.text).not.toContain(message);
      expect(decision!.text).toContain(interpolate(wording.body.split("\n")[0], { projectName }));

      // The default wording again, for whatever comes next on this server.
      await open(admin, `/admin/emails/decision-rejected/${locale}`);
      await admin.getByRole("button", { name: ta.emailTemplates.reset, exact: true }).click();
      await expect(admin.getByRole("status").filter({ hasText: ta.emailTemplates.resetDone })).toBeVisible();
    });
  }
});
