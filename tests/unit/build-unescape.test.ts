// scripts/build.mjs writes the browser's scripts in UTF-8: a `\uXXXX` escape of a character beyond
// ASCII becomes the character, and the program means the same.
import { describe, expect, it } from "vitest";
import { unescapeNonAscii } from "../../scripts/build.mjs";

const run = (source: string) => new Function(`return ${source};`)() as unknown;

describe("unescapeNonAscii", () => {
  it("writes Arabic and accented letters as themselves, in strings and regular expressions", () => {
    const source = String.raw`"\u0627\u0644\u0639\u0631\u0628\u064A\u0629 \u00E9t\u00E9"`;
    expect(unescapeNonAscii(source)).toBe('"العربية été"');
    expect(run(unescapeNonAscii(source))).toBe(run(source));
    const pattern = String.raw`/[\u0600-\u06FF]/`;
    expect(unescapeNonAscii(pattern)).toBe("/[؀-ۿ]/");
    expect((run(unescapeNonAscii(pattern)) as RegExp).test("ب")).toBe(true);
  });

  it("leaves ASCII escapes (a quote, a backslash), surrogates, line separators and an escaped backslash before u", () => {
    for (const source of [
      String.raw`"\u0022"`,
      String.raw`"\u005C"`,
      String.raw`"\uD83D\uDE00"`,
      String.raw`"\u2028\u2029"`,
      String.raw`"\\u0627"`,
    ]) {
      expect(unescapeNonAscii(source)).toBe(source);
      expect(run(unescapeNonAscii(source))).toBe(run(source));
    }
    // Three backslashes: an escaped backslash, then an escape.
    expect(run(unescapeNonAscii(String.raw`"\\\u0627"`))).toBe(run(String.raw`"\\\u0627"`));
  });
});
