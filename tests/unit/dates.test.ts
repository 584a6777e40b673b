import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatEmailDate, formatEmailDateTime } from "../../emails/format.ts";
import { EMAIL_MESSAGES, interpolate } from "../../emails/messages.ts";
import { renderEmail } from "../../emails/render.tsx";
import { LOCALES } from "~/domain/constants.ts";
import { buildTimeline } from "~/domain/timeline.ts";
import { formatDate, openCallsView, timelineView } from "~/i18n/dates.server.ts";

// A call closing at 23:59 in Casablanca on 1 December 2026 (UTC+1), during Ramadan 2026 (UTC+0), and a
// moment next to Morocco's clock changes around it.
const INSTANTS = [
  "2026-12-01T22:59:00.000Z",
  "2026-03-01T23:59:00.000Z",
  "2026-02-15T01:30:00.000Z",
  "2026-03-22T02:30:00.000Z",
  "2027-01-15T16:30:00.000Z",
];

describe("one formatter for pages and emails", () => {
  it("writes a deadline in Casablanca time, whatever the process's zone", () => {
    expect(formatDate(new Date(INSTANTS[0]), "fr", "dateTime")).toBe("mardi 1 décembre 2026 à 23:59");
    expect(formatDate(new Date(INSTANTS[0]), "en", "dateTime")).toBe("Tuesday, 1 December 2026 at 23:59");
    expect(formatDate(INSTANTS[1], "fr", "dateTime")).toBe("dimanche 1 mars 2026 à 23:59");
  });

  it("gives the page and the email the same text for every date, in every language", () => {
    for (const iso of INSTANTS) {
      for (const locale of LOCALES) {
        const onPage = formatDate(new Date(iso), locale, "dateTime");
        expect(formatEmailDateTime(iso, locale)).toBe(interpolate(EMAIL_MESSAGES[locale].common.inCasablancaTime, { dateTime: onPage }));
        expect(formatEmailDate(iso, locale)).toBe(formatDate(iso, locale));
      }
    }
  });

  it("shows an open call's deadline on the page exactly as the reminder email does", async () => {
    for (const locale of LOCALES) {
      const [call] = openCallsView([{ slug: "s", title: "Appel", closesAt: new Date(INSTANTS[0]) }], locale);
      expect(call.closesAt).toBe(INSTANTS[0]);
      const email = await renderEmail("call-closing-soon", locale, {
        name: "Salma",
        callTitle: "Appel",
        closesAt: call.closesAt,
        draftUrl: "http://localhost/x",
      });
      expect(email.text).toContain(call.closesAtText);
      expect(email.html).toContain(call.closesAtText);
    }
  });

  it("sends the browser a founder's timeline with its dates already written", () => {
    const at = new Date(INSTANTS[0]);
    const view = timelineView(
      buildTimeline({ status: "SUBMITTED", hasInterview: false, decisionReleasedAt: null, history: [{ toState: "SUBMITTED", at }] }),
      "fr",
    );
    expect(view.steps[0]).toEqual({ step: "submitted", state: "current", date: "mardi 1 décembre 2026" });
    expect(view.steps[1].date).toBeNull();
  });

  it('rejects an invalid date instead of writing "Invalid Date"', () => {
    expect(() => formatDate("tomorrow", "fr")).toThrow(/Invalid date/);
  });
});

describe("no date is formatted in the browser", () => {
  const root = path.resolve(__dirname, "../..");
  const files = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "generated" ? [] : files(relative);
      return /\.tsx?$/.test(entry.name) ? [relative] : [];
    });

  it("formats dates only in app/i18n/dates.server.ts (and reads zone offsets only in app/domain/time.ts)", () => {
    const offenders = [...files("app"), ...files("emails")].filter((file) => {
      if (file === path.join("app", "i18n", "dates.server.ts") || file === path.join("app", "domain", "time.ts")) return false;
      const source = fs.readFileSync(path.join(root, file), "utf8");
      return /Intl\.DateTimeFormat|toLocale(Date|Time)?String\(|Intl\.RelativeTimeFormat/.test(source);
    });
    expect(offenders).toEqual([]);
  });

  it("imports the date formatter only from server code: loaders, models and emails", () => {
    const offenders = files("app").filter((file) => {
      if (!file.endsWith(".tsx") || file.startsWith(path.join("app", "routes"))) return false;
      return /from "[^"]*dates\.server/.test(fs.readFileSync(path.join(root, file), "utf8"));
    });
    expect(offenders).toEqual([]);
  });
});
