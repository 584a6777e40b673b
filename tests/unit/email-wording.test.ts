// Admins' wordings of the emails (issue 18): placeholder rules, rendering of a wording (values, escaping, the
// sections a plain text cannot carry), and the "Action required:" subjects of the emails that need an answer.
import { describe, expect, it } from "vitest";
import { EMAIL_LOCALES } from "../../emails/messages";
import {
  ACTION_DEADLINES,
  defaultWordingOf,
  EDITABLE_TEMPLATES,
  EMAIL_TEMPLATES,
  renderEmail,
  SAMPLE_PAYLOADS,
  wordingSpec,
  type EmailTemplate,
} from "../../emails/render";
import { checkWording, fillPlaceholders, placeholderNames, type PlaceholderSpec } from "../../app/domain/email-placeholders";
import { formatDate } from "../../app/i18n/dates.server";

const SPEC: PlaceholderSpec = { allowed: ["name", "projectName", "offerUrl", "deadline"], required: ["offerUrl"] };
const errorsOf = (subject: string, body: string) => checkWording({ subject, body }, SPEC).map((e) => [e.field, e.key, e.params]);

describe("checkWording", () => {
  it("accepts a wording that uses only its placeholders and its required link", () => {
    expect(errorsOf("Seat for {{projectName}}", "Answer before {{deadline}}:\n\n{{offerUrl}}")).toEqual([]);
    expect(errorsOf("Seat for {{ projectName }}", "{{offerUrl}}")).toEqual([]);
  });

  it("refuses an unknown placeholder, naming it", () => {
    expect(errorsOf("Seat for {{project}}", "{{offerUrl}}")).toEqual([["subject", "unknownPlaceholder", { placeholder: "project" }]]);
    expect(errorsOf("Seat", "{{offerUrl}} {{callTitle}}")).toEqual([["body", "unknownPlaceholder", { placeholder: "callTitle" }]]);
  });

  it("refuses a wording without a required placeholder, in the subject or the body", () => {
    expect(errorsOf("Seat", "Answer soon.")).toEqual([["body", "missingPlaceholder", { placeholder: "offerUrl" }]]);
    // A required link in the subject counts.
    expect(errorsOf("{{offerUrl}}", "Answer soon.")).toEqual([]);
  });

  it("refuses braces that make no placeholder", () => {
    for (const broken of ["{{projectName}", "{{ }}", "{{project-name}}", "end }}", "{{9lives}}"]) {
      expect(errorsOf("Seat", `${broken} {{offerUrl}}`), broken).toEqual([["body", "malformedPlaceholder", expect.any(Object)]]);
    }
  });

  it("refuses an empty field, a subject on two lines and overlong text", () => {
    expect(errorsOf(" ", "{{offerUrl}}")).toEqual([["subject", "required", {}]]);
    expect(errorsOf("Seat\r\nBcc: x@example.com", "{{offerUrl}}")).toEqual([["subject", "subjectLineBreak", {}]]);
    expect(errorsOf("S".repeat(201), "{{offerUrl}}")).toEqual([["subject", "tooLong", { max: 200 }]]);
    expect(errorsOf("Seat", `${"b".repeat(10_001)}{{offerUrl}}`)).toEqual([["body", "tooLong", { max: 10_000 }]]);
  });
});

describe("fillPlaceholders", () => {
  it("puts values in as text, once, whatever they contain", () => {
    expect(fillPlaceholders("{{a}} and {{ b }}", { a: "{{b}}", b: "<b>" })).toBe("{{b}} and <b>");
    expect(placeholderNames("{{a}} {{b}} {{a}}")).toEqual(["a", "b"]);
  });
});

describe("wordings of every template", () => {
  it.each(EDITABLE_TEMPLATES.flatMap((template) => EMAIL_LOCALES.map((locale) => [template, locale] as const)))(
    "%s in %s: the default wording an admin starts from passes the checks and renders without a placeholder left",
    async (template, locale) => {
      const wording = defaultWordingOf(template, locale);
      expect(checkWording(wording, wordingSpec(template))).toEqual([]);
      const rendered = await renderEmail(template, locale, SAMPLE_PAYLOADS[template], wording);
      for (const output of [rendered.subject, rendered.html, rendered.text]) expect(output).not.toMatch(/\{\{|\}\}/);
    },
  );

  it("every link of a template is required, so no wording can leave the recipient unable to act", () => {
    expect(wordingSpec("decision-accepted").required).toEqual(["offerUrl"]);
    expect(wordingSpec("password-reset").required).toEqual(["resetUrl"]);
    expect(wordingSpec("decision-accepted").allowed).toContain("deadline");
    expect(wordingSpec("application-submitted").allowed).not.toContain("deadline");
    // The approved feedback has its own section: it is not a placeholder.
    expect(wordingSpec("decision-rejected").allowed).not.toContain("feedback");
  });
});

describe("rendering an admin's wording", () => {
  const payload = SAMPLE_PAYLOADS["decision-accepted"];

  it("fills the placeholders with the payload's values, dates written in the recipient's language", async () => {
    const wording = {
      subject: "Place pour {{projectName}}",
      body: "Bonjour l'équipe de {{projectName}} !\n\nRépondez avant le {{deadline}} : {{offerUrl}}",
    };
    const { subject, html, text } = await renderEmail("decision-accepted", "fr", payload, wording);
    expect(subject).toBe(`Action requise : Place pour Atlas Agritech — avant le ${formatDate(payload.respondBy, "fr", "dateTime")}`);
    expect(text).toContain("Bonjour l'équipe de Atlas Agritech !");
    expect(text).toContain("Répondez avant le dimanche 20 décembre 2026 à 23:59 (heure de Casablanca)");
    // The link is a link, and the layout's greeting and signature surround the admin's text.
    expect(html).toContain(`href="${payload.offerUrl}"`);
    expect(text.split(payload.offerUrl)).toHaveLength(2);
    expect(text).toContain("Bonjour Salma Bennani,");
  });

  it("escapes markup in the admin's text and in the values, in the HTML and the subject stays one line", async () => {
    const wording = {
      subject: "<b>Seat</b> for {{projectName}}",
      body: "<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n\n{{offerUrl}}",
    };
    const { subject, html } = await renderEmail(
      "decision-accepted",
      "en",
      { ...payload, projectName: 'Atlas"><script>alert(3)</script>\r\nBcc: victim@example.com' },
      wording,
    );
    expect(html).not.toMatch(/<script|<img|<b>Seat/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.startsWith("Action required: <b>Seat</b> for Atlas")).toBe(true);
  });

  it("adds the reviewers' approved feedback after a rejection's wording, and nothing without one", async () => {
    const wording = { subject: "About {{projectName}}", body: "Thank you for applying.\n\n{{applicationUrl}}" };
    const withFeedback = await renderEmail("decision-rejected", "en", SAMPLE_PAYLOADS["decision-rejected"], wording);
    expect(withFeedback.text).toContain(SAMPLE_PAYLOADS["decision-rejected"].feedback!);
    const without = await renderEmail("decision-rejected", "en", { ...SAMPLE_PAYLOADS["decision-rejected"], feedback: undefined }, wording);
    expect(without.text).not.toContain(SAMPLE_PAYLOADS["decision-rejected"].feedback!);
    expect(without.text).toContain("Thank you for applying.");
  });

  it("makes web links clickable and keeps line breaks", async () => {
    const wording = { subject: "Hello", body: "Line one\nline two, see https://technopark.ma/agenda.\n\n{{applicationUrl}}" };
    const { html } = await renderEmail("screening-passed", "ar", SAMPLE_PAYLOADS["screening-passed"], wording);
    expect(html).toMatch(/Line one<br\/?>line two/);
    expect(html).toContain('href="https://technopark.ma/agenda"');
    expect(html).toContain('dir="rtl"');
  });
});

describe("subjects of the emails that need an answer", () => {
  const actionTemplates = Object.keys(ACTION_DEADLINES) as EmailTemplate[];

  it.each(actionTemplates.flatMap((template) => EMAIL_LOCALES.map((locale) => [template, locale] as const)))(
    "%s in %s starts with the translated 'Action required:' and states the deadline",
    async (template, locale) => {
      const payload = SAMPLE_PAYLOADS[template] as unknown as Record<string, string>;
      const deadline = formatDate(payload[ACTION_DEADLINES[template]!], locale, "dateTime");
      const { subject } = await renderEmail(template, locale, SAMPLE_PAYLOADS[template]);
      const prefix = { en: "Action required: ", fr: "Action requise : ", ar: "إجراء مطلوب: " }[locale];
      expect(subject.startsWith(prefix)).toBe(true);
      expect(subject.endsWith(deadline)).toBe(true);
    },
  );

  it("leaves the other emails' subjects as they were", async () => {
    const { subject } = await renderEmail("application-submitted", "en", SAMPLE_PAYLOADS["application-submitted"]);
    expect(subject).toBe("Application received: Atlas Agritech");
    for (const template of EMAIL_TEMPLATES.filter((t) => !actionTemplates.includes(t))) {
      expect((await renderEmail(template, "en", SAMPLE_PAYLOADS[template])).subject).not.toMatch(/^Action required/);
    }
  });
});
