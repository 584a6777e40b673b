import { describe, expect, it } from "vitest";
import { EMAIL_COLORS } from "../../emails/layout";
import { EMAIL_LOCALES, EMAIL_MESSAGES, interpolate, placeholdersOf, type EmailLocale } from "../../emails/messages";
import {
  defaultWordingOf,
  EMAIL_TEMPLATES,
  renderEmail,
  SAMPLE_PAYLOADS,
  type EmailPayloads,
  type EmailTemplate,
  type RenderedEmail,
} from "../../emails/render";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/;

/** How React writes text into HTML. */
function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#x27;");
}

/** Fields an email carries for a machine, not its reader: the calendar invitation's UID and stamp (emails/attachments.ts). */
const NOT_FOR_THE_READER = new Set(["calendar"]);

/** Every string inside a payload (nested arrays and objects included), paired with its field name. */
function stringFields(value: unknown, key = ""): Array<[string, string]> {
  if (typeof value === "string") return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((item) => stringFields(item, key));
  if (value && typeof value === "object")
    return Object.entries(value)
      .filter(([k]) => !NOT_FOR_THE_READER.has(k))
      .flatMap(([k, v]) => stringFields(v, k));
  return [];
}

/** Leaf paths of a catalog mapped to their text, e.g. "templates.password-reset.cta". */
function leaves(node: unknown, prefix = ""): Map<string, unknown> {
  const result = new Map<string, unknown>();
  if (node && typeof node === "object") {
    for (const [key, child] of Object.entries(node)) {
      for (const [path, leaf] of leaves(child, prefix ? `${prefix}.${key}` : key)) result.set(path, leaf);
    }
  } else {
    result.set(prefix, node);
  }
  return result;
}

function htmlTag(html: string): string {
  const tag = /<html\b[^>]*>/.exec(html)?.[0];
  if (!tag) throw new Error("No <html> element in the rendered email");
  return tag;
}

const everyRendering = EMAIL_TEMPLATES.flatMap((template) => EMAIL_LOCALES.map((locale) => ({ template, locale })));

async function renderSample(template: EmailTemplate, locale: EmailLocale): Promise<RenderedEmail> {
  return renderEmail(template, locale, SAMPLE_PAYLOADS[template]);
}

function render<T extends EmailTemplate>(template: T, locale: EmailLocale, changes: Partial<EmailPayloads[T]>) {
  return renderEmail(template, locale, { ...SAMPLE_PAYLOADS[template], ...changes });
}

describe("email catalogs", () => {
  const english = leaves(EMAIL_MESSAGES.en);

  it.each(EMAIL_LOCALES)("%s has exactly the English keys, all non-empty text", (locale) => {
    const catalog = leaves(EMAIL_MESSAGES[locale]);
    expect([...catalog.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [path, text] of catalog) {
      expect(typeof text, path).toBe("string");
      expect((text as string).trim(), path).not.toBe("");
    }
  });

  it.each(EMAIL_LOCALES)("%s uses the same placeholders as English in every message", (locale) => {
    const catalog = leaves(EMAIL_MESSAGES[locale]);
    for (const [path, englishText] of english) {
      const expected = placeholdersOf(englishText as string).sort();
      expect(placeholdersOf(catalog.get(path) as string).sort(), `${locale} ${path}`).toEqual(expected);
    }
  });

  it("has a subject, preview and heading for every template", () => {
    for (const template of EMAIL_TEMPLATES) {
      const copy = EMAIL_MESSAGES.en.templates[template];
      expect(copy.subject, template).toBeTruthy();
      expect(copy.preview, template).toBeTruthy();
      expect(copy.heading, template).toBeTruthy();
    }
  });
});

describe("interpolate", () => {
  it("fills every placeholder", () => {
    expect(interpolate("Bonjour {{name}}, projet {{ project }}", { name: "Salma", project: "Atlas" })).toBe("Bonjour Salma, projet Atlas");
  });

  it("does not read replacement patterns or placeholders inside values", () => {
    expect(interpolate("{{a}}-{{b}}", { a: "$& {{b}}", b: "x" })).toBe("$& {{b}}-x");
  });

  it("throws when a value is missing instead of sending a raw placeholder", () => {
    expect(() => interpolate("Bonjour {{name}}", {})).toThrow(/\{\{name\}\}/);
    expect(() => interpolate("{{constructor}}", {})).toThrow();
  });
});

describe("renderEmail", () => {
  it("lists the thirty-six templates", () => {
    expect(EMAIL_TEMPLATES).toHaveLength(36);
    expect(new Set(EMAIL_TEMPLATES).size).toBe(36);
    expect(Object.keys(SAMPLE_PAYLOADS).sort()).toEqual([...EMAIL_TEMPLATES].sort());
  });

  it.each(everyRendering)("renders $template in $locale", async ({ template, locale }) => {
    const { subject, html, text } = await renderSample(template, locale);
    const copy = EMAIL_MESSAGES[locale].templates[template];

    expect(subject.trim()).not.toBe("");
    expect(subject).not.toMatch(/[\r\n]/);
    expect(html).toContain(escapeHtml(copy.heading));
    expect(text).toContain(copy.heading);
    expect(html).toContain("Tremplin — Technoparks");
    expect(html).toContain(escapeHtml(EMAIL_MESSAGES[locale].layout.footer));

    // No message left half-translated.
    for (const output of [subject, html, text]) expect(output).not.toMatch(/\{\{|\}\}/);

    // What the recipient needs (their name, the project, links…) is in both parts; dates are formatted, never raw.
    for (const [field, value] of stringFields(SAMPLE_PAYLOADS[template])) {
      if (ISO_DATE.test(value)) {
        expect(html, field).not.toContain(value);
        expect(text, field).not.toContain(value);
      } else {
        expect(html, field).toContain(escapeHtml(value));
        expect(text, field).toContain(value);
      }
    }
  });

  it.each(EMAIL_TEMPLATES)("writes %s right-to-left in Arabic and left-to-right otherwise", async (template) => {
    const arabic = await renderSample(template, "ar");
    expect(htmlTag(arabic.html)).toMatch(/\bdir="rtl"/);
    expect(htmlTag(arabic.html)).toMatch(/\blang="ar"/);
    expect(arabic.html).toContain("text-align:right");
    expect(arabic.html).not.toContain("text-align:left");

    for (const locale of ["fr", "en"] as const) {
      const { html } = await renderSample(template, locale);
      expect(htmlTag(html)).toMatch(/\bdir="ltr"/);
      expect(htmlTag(html)).toMatch(new RegExp(`\\blang="${locale}"`));
      expect(html).toContain("text-align:left");
      expect(html).not.toContain("text-align:right");
    }
  });

  it("puts the payload's values into the subject", async () => {
    const { subject } = await renderSample("application-submitted", "fr");
    expect(subject).toBe("Candidature reçue : Atlas Agritech");
    const digest = await render("review-assignments", "en", { count: 7 });
    expect(digest.subject).toBe("Applications to review (7)");
  });

  it("keeps user-typed line breaks out of the subject header", async () => {
    const { subject } = await render("screening-passed", "en", { projectName: "Atlas\r\nBcc: victim@example.com" });
    expect(subject).toBe("Screening passed: Atlas Bcc: victim@example.com");
  });
});

describe("dates in emails", () => {
  // Checked against this machine's Intl data: Morocco is UTC+1, except during Ramadan (UTC+0).
  it("shows date-times in Casablanca time, naming the zone, in each language", async () => {
    const at = "2026-12-01T09:00:00Z";
    const fr = await render("interview-invitation", "fr", { at });
    const en = await render("interview-invitation", "en", { at });
    const ar = await render("interview-invitation", "ar", { at });

    expect(fr.text).toContain("mardi 1 décembre 2026 à 10:00 (heure de Casablanca)");
    expect(fr.html).toContain("mardi 1 décembre 2026 à 10:00 (heure de Casablanca)");
    expect(en.text).toContain("Tuesday, 1 December 2026 at 10:00 (Casablanca time)");
    expect(ar.text).toContain("الثلاثاء، 1 دجنبر 2026 في 10:00 (بتوقيت الدار البيضاء)");
    for (const { text } of [fr, en, ar]) expect(text).not.toContain("09:00");
  });

  it("follows Morocco's switch back to UTC+0 during Ramadan", async () => {
    const { text } = await render("interview-invitation", "fr", { at: "2026-03-01T09:00:00Z" });
    expect(text).toContain("dimanche 1 mars 2026 à 09:00 (heure de Casablanca)");
  });

  it("takes the calendar day in Casablanca, not in UTC", async () => {
    const { text } = await render("enrollment-confirmed", "fr", { startsAt: "2026-12-31T23:30:00Z" });
    expect(text).toContain("vendredi 1 janvier 2027");
    expect(text).not.toContain("31 décembre");
  });

  it("refuses a payload date that is not a date", async () => {
    await expect(render("password-reset", "en", { expiresAt: "tomorrow" })).rejects.toThrow(/Invalid ISO date/);
  });
});

describe("user-provided values", () => {
  const hostile = '<script>alert("x")</script>';

  it.each(EMAIL_LOCALES)("are HTML-escaped (%s)", async (locale) => {
    const renderings = await Promise.all([
      render("application-submitted", locale, { name: `<b>${hostile}</b>`, projectName: hostile, callTitle: hostile }),
      render("screening-failed", locale, { reason: hostile }),
      render("decision-rejected", locale, { feedback: hostile }),
      render("decision-waitlisted", locale, { feedback: hostile }),
      render("review-assignments", locale, { items: [{ reference: "TP-1", projectName: hostile }] }),
      render("interview-invitation", locale, { place: hostile }),
    ]);
    for (const { html, text } of renderings) {
      expect(html).not.toContain("<script");
      expect(html).not.toContain("<b>");
      expect(html).toContain(escapeHtml(hostile));
      // The text part is not HTML: there the value reads as typed.
      expect(text).toContain(hostile);
    }
  });

  it("links an interview place only when it is a web address", async () => {
    const video = await render("interview-invitation", "en", { place: "https://meet.example.org/tremplin-pitch" });
    expect(video.html).toContain('href="https://meet.example.org/tremplin-pitch"');

    const script = await render("interview-invitation", "en", { place: "javascript:alert(1)" });
    expect(script.html).not.toContain('href="javascript:');
    expect(script.html).toContain("javascript:alert(1)");
  });
});

describe("template-specific content", () => {
  it.each([
    ["decision-rejected", undefined],
    ["decision-rejected", ""],
    ["decision-waitlisted", "  \n  "],
  ] as const)("leaves out the feedback section when there is none (%s, %j)", async (template, feedback) => {
    const { html, text } = await render(template, "fr", { feedback });
    const copy = EMAIL_MESSAGES.fr.templates[template];
    expect(html).not.toContain(escapeHtml(copy.feedbackHeading));
    expect(text).not.toContain(copy.feedbackHeading);
  });

  it.each(["decision-rejected", "decision-waitlisted"] as const)(
    "carries the reviewers' agreed text, paragraph by paragraph (%s)",
    async (template) => {
      const feedback = "Marché à chiffrer.\n\nValidation client à présenter.";
      const { html, text } = await render(template, "en", { feedback });
      expect(text).toContain(EMAIL_MESSAGES.en.templates[template].feedbackHeading);
      expect(text).toContain("Marché à chiffrer.");
      expect(text).toContain("Validation client à présenter.");
      expect(html.match(/Marché à chiffrer\.|Validation client à présenter\./g)).toHaveLength(2);
    },
  );

  it("tells reviewers how many queued applications the digest does not list", async () => {
    const items = [{ reference: "TP-RAB-2026-0001", projectName: "Darija Speech" }];
    const partial = await render("review-assignments", "en", { count: 5, items });
    expect(partial.text).toContain("Applications waiting for your review: 5");
    expect(partial.text).toContain("Other applications in your queue: 4");
    // An item without a due date gets no "Review by" line.
    expect(partial.text).not.toContain("Review by");

    const complete = await render("review-assignments", "en", { count: 1, items });
    expect(complete.text).not.toContain("Other applications in your queue");
  });

  it("gives a seat offer the same facts and deadline whether first offered or from the waitlist", async () => {
    for (const template of ["decision-accepted", "waitlist-promotion"] as const) {
      const { text } = await render(template, "fr", { respondBy: "2026-12-20T22:59:00Z" });
      expect(text, template).toContain("Répondre avant le");
      expect(text, template).toContain("dimanche 20 décembre 2026 à 23:59 (heure de Casablanca)");
      expect(text, template).toContain(EMAIL_MESSAGES.fr.common.seatOffer.cta);
    }
  });
});

describe("pitch-day emails (issue 19)", () => {
  it("tells a moved booking from a first one", async () => {
    const first = await render("interview-booked", "en", { changed: false });
    const moved = await render("interview-booked", "en", { changed: true });
    const copy = EMAIL_MESSAGES.en.templates["interview-booked"];
    expect(first.text).toContain(copy.heading);
    expect(first.text).not.toContain(copy.changed.heading);
    expect(moved.text).toContain(copy.changed.heading);
    expect(moved.text).not.toContain(copy.heading);
    expect(moved.text).toContain("which replaces the previous one");
  });

  it.each([
    [48, "in two days", "dans deux jours"],
    [2, "in two hours", "dans deux heures"],
  ] as const)("reminds %i hours before in words that say so", async (hoursBefore, english, french) => {
    expect((await render("interview-reminder", "en", { hoursBefore })).text).toContain(english);
    expect((await render("interview-reminder", "fr", { hoursBefore })).text).toContain(french);
  });

  it("gives an interview's start and end in Casablanca time, and says when in the subject", async () => {
    const { subject, text } = await render("interview-booked", "fr", {
      startsAt: "2027-03-23T09:00:00Z",
      endsAt: "2027-03-23T09:30:00Z",
    });
    expect(subject).toBe("Entretien (pitch) confirmé : Argan Trace, le mardi 23 mars 2027 à 10:00 (heure de Casablanca)");
    expect(text).toContain("mardi 23 mars 2027 à 10:30 (heure de Casablanca)");
  });

  it.each(["interview-booked", "interview-cancelled", "interview-reminder"] as const)(
    "links the place of %s only when it is a web address",
    async (template) => {
      const video = await render(template, "en", { place: "https://meet.example.org/tremplin-pitch" });
      expect(video.html).toContain('href="https://meet.example.org/tremplin-pitch"');
      const script = await render(template, "en", { place: "javascript:alert(1)" });
      expect(script.html).not.toContain('href="javascript:');
      expect(script.html).toContain("javascript:alert(1)");
    },
  );

  it.each(["interview-slot-invitation", "interview-booked", "interview-cancelled", "interview-reminder"] as const)(
    "writes the moments of an admin's wording of %s with their time, and keeps the slot's facts",
    async (template) => {
      const payload = SAMPLE_PAYLOADS[template];
      const { subject, html, text } = await renderEmail(template, "en", payload, defaultWordingOf(template, "en"));
      for (const [, value] of stringFields(payload)) {
        if (ISO_DATE.test(value)) expect(`${subject}\n${text}`).not.toContain(value);
      }
      if ("startsAt" in payload) {
        expect(subject).toContain("Tuesday, 23 March 2027 at 10:00 (Casablanca time)");
        expect(text).toContain("Tuesday, 23 March 2027 at 10:30 (Casablanca time)");
        expect(html).toContain(escapeHtml(payload.place));
      } else {
        expect(text).toContain("Thursday, 18 March 2027 at 23:59 (Casablanca time)");
      }
    },
  );
});

describe("layout colours", () => {
  function luminance(hex: string): number {
    const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
    const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function contrast(foreground: string, background: string): number {
    const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
  }

  it.each([
    ["text", "surface"],
    ["text", "brandTint"],
    ["muted", "surface"],
    ["muted", "brandTint"],
    ["onBrand", "brand"],
    ["brand", "surface"],
  ] as const)("%s on %s meets WCAG AA (4.5:1)", (foreground, background) => {
    expect(contrast(EMAIL_COLORS[foreground], EMAIL_COLORS[background])).toBeGreaterThanOrEqual(4.5);
  });
});

describe("what the email templates load", () => {
  it("takes React Email's components one package each, never the barrel that brings Tailwind and Prism into every server process", async () => {
    const fs = await import("node:fs");
    const sources = fs
      .readdirSync("emails", { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => fs.readFileSync(`emails/${file}`, "utf8"));
    const imported = sources.flatMap((source) => [...source.matchAll(/from "(@react-email\/[^"]+)"/g)].map((m) => m[1]));
    expect(imported).toContain("@react-email/html");
    expect(imported).not.toContain("@react-email/components");
    const manifest = JSON.parse(fs.readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> };
    // Every package imported is declared, none undeclared in between.
    for (const name of new Set(imported)) expect(manifest.dependencies, name).toHaveProperty(name);
    expect(manifest.dependencies).not.toHaveProperty("@react-email/components");
  });
});
