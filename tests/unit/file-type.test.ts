import { describe, expect, it } from "vitest";
import { ALLOWED_TYPES, MAX_UPLOAD_BYTES, safeFileName, sniffFileType } from "~/storage/file-type.ts";

const bytes = (...values: Array<number | string>) =>
  Uint8Array.from(values.flatMap((value) => (typeof value === "string" ? [...Buffer.from(value, "latin1")] : [value])));

const PDF = bytes("%PDF-1.7\n%âãÏÓ\n");
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, "IHDR");
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, "JFIF");
const WINDOWS_EXECUTABLE = bytes("MZ", 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff);

describe("sniffFileType", () => {
  it("recognises PDF, PNG and JPEG by their magic bytes", () => {
    expect(sniffFileType(PDF)).toBe("application/pdf");
    expect(sniffFileType(PNG)).toBe("image/png");
    expect(sniffFileType(JPEG)).toBe("image/jpeg");
  });

  it("rejects a Windows executable, whatever it is called", () => {
    expect(sniffFileType(WINDOWS_EXECUTABLE)).toBeNull();
  });

  it("rejects text, a truncated signature, an empty head and a signature not at byte 0", () => {
    expect(sniffFileType(bytes("Hello, this is not a deck"))).toBeNull();
    expect(sniffFileType(bytes("%PDF"))).toBeNull();
    expect(sniffFileType(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
    expect(sniffFileType(new Uint8Array(0))).toBeNull();
    expect(sniffFileType(bytes(" %PDF-1.4"))).toBeNull();
  });

  it("accepts only PDF for a pitch deck and PDF or images otherwise", () => {
    expect(ALLOWED_TYPES.PITCH_DECK).toEqual(["application/pdf"]);
    expect([...ALLOWED_TYPES.OTHER].sort()).toEqual(["application/pdf", "image/jpeg", "image/png"]);
    expect(MAX_UPLOAD_BYTES).toBe(10 * 1024 * 1024);
  });
});

describe("safeFileName", () => {
  it("keeps an ordinary name, accents and Arabic included", () => {
    expect(safeFileName("Pitch deck v2.pdf")).toBe("Pitch deck v2.pdf");
    expect(safeFileName("Présentation.pdf")).toBe("Présentation.pdf");
    expect(safeFileName("عرض المشروع.pdf")).toBe("عرض المشروع.pdf");
  });

  it("drops any directory part, Unix or Windows", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("C:\\evil\\x.pdf")).toBe("x.pdf");
    expect(safeFileName("..\\..\\boot.ini")).toBe("boot.ini");
  });

  it("removes control characters and direction overrides", () => {
    expect(safeFileName("deck\u0000\r\n\u001b[31m.pdf")).toBe("deck[31m.pdf");
    // U+202E would display "invoice\u202Efdp.exe" as "invoiceexe.pdf".
    expect(safeFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
  });

  it("removes leading dots and collapses '..'", () => {
    expect(safeFileName(".htaccess")).toBe("htaccess");
    expect(safeFileName("...hidden.pdf")).toBe("hidden.pdf");
    expect(safeFileName("deck..pdf")).toBe("deck.pdf");
    expect(safeFileName("..")).toBe("file");
  });

  it("replaces characters Windows refuses", () => {
    expect(safeFileName('a<b>c:"d"|e?f*.pdf')).toBe("a_b_c__d__e_f_.pdf");
  });

  it("falls back to 'file' when nothing is left", () => {
    expect(safeFileName("")).toBe("file");
    expect(safeFileName("   ")).toBe("file");
    expect(safeFileName("/")).toBe("file");
    expect(safeFileName("\u0000\u0001")).toBe("file");
  });

  it("limits very long names to 120 characters and keeps the extension", () => {
    const name = safeFileName(`${"a".repeat(300)}.pdf`);
    expect(name).toHaveLength(120);
    expect(name.endsWith("a.pdf")).toBe(true);
  });

  it("never splits a character made of two code units when cutting", () => {
    const name = safeFileName(`${"🚀".repeat(200)}.pdf`);
    expect(Array.from(name)).toHaveLength(120);
    expect(name.endsWith("🚀.pdf")).toBe(true);
    expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("does not mistake a long dotted tail for an extension", () => {
    const name = safeFileName(`deck.${"x".repeat(200)}`);
    expect(name).toHaveLength(120);
    expect(name.startsWith("deck.xxx")).toBe(true);
  });
});
