import { describe, expect, it } from "vitest";
import { callTextFormValues, callText, showText, textInSentence, CALL_TEXT_COLUMNS } from "~/domain/call-texts.ts";

const title = { fr: "Appel Agadir — Green Tech", en: "Agadir call — Green Tech", ar: null };

describe("a call's text in the reader's language", () => {
  it("gives French readers the original and others their translation", () => {
    expect(showText(title, "fr")).toEqual({ text: "Appel Agadir — Green Tech", lang: "fr", dir: "ltr", inFrench: false });
    expect(showText(title, "en")).toEqual({ text: "Agadir call — Green Tech", lang: "en", dir: "ltr", inFrench: false });
    expect(showText({ ...title, ar: "دعوة أكادير" }, "ar")).toEqual({ text: "دعوة أكادير", lang: "ar", dir: "rtl", inFrench: false });
  });

  it("falls back to the French text, marked and left to right, when the translation is missing or blank", () => {
    expect(showText(title, "ar")).toEqual({ text: "Appel Agadir — Green Tech", lang: "fr", dir: "ltr", inFrench: true });
    expect(showText({ ...title, en: "   " }, "en")).toEqual({ text: "Appel Agadir — Green Tech", lang: "fr", dir: "ltr", inFrench: true });
  });

  it("reads a row's columns for one text", () => {
    expect(callText({ description: "Texte", descriptionEn: null, descriptionAr: "نص" }, "description")).toEqual({
      fr: "Texte",
      en: null,
      ar: "نص",
    });
    expect(callText({ title: "Titre" }, "title")).toEqual({ fr: "Titre", en: null, ar: null });
  });

  it("isolates a French text standing in inside a sentence, and leaves a translated one as it is", () => {
    expect(textInSentence(showText(title, "ar"), "بالفرنسية")).toBe("\u2068Appel Agadir — Green Tech\u2069 (بالفرنسية)");
    expect(textInSentence(showText(title, "en"), "in French")).toBe("Agadir call — Green Tech");
  });

  it("gives the editor every text of every language, a missing one as an empty field", () => {
    expect(CALL_TEXT_COLUMNS).toHaveLength(12);
    const values = callTextFormValues({ title: "Titre", titleEn: null, supportOfferAr: "مواكبة" });
    expect(Object.keys(values).sort()).toEqual([...CALL_TEXT_COLUMNS].sort());
    expect(values).toMatchObject({ title: "Titre", titleEn: "", titleAr: "", supportOfferAr: "مواكبة", description: "" });
  });
});
