/**
 * Renders every template in every language with SAMPLE_PAYLOADS, for eyeballing
 * in a browser: `npx tsx emails/preview.ts`, then open var/email-previews/index.html.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { EMAIL_LOCALES } from "./messages";
import { EMAIL_TEMPLATES, renderEmail, SAMPLE_PAYLOADS } from "./render";

const OUTPUT_DIR = path.resolve(import.meta.dirname, "../var/email-previews");

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function main() {
  await fs.mkdir(OUTPUT_DIR, { recursive: true });
  const rows: string[] = [];

  for (const template of EMAIL_TEMPLATES) {
    const cells: string[] = [];
    for (const locale of EMAIL_LOCALES) {
      const { subject, html, text } = await renderEmail(template, locale, SAMPLE_PAYLOADS[template]);
      const baseName = `${template}.${locale}`;
      await fs.writeFile(path.join(OUTPUT_DIR, `${baseName}.html`), html);
      await fs.writeFile(path.join(OUTPUT_DIR, `${baseName}.txt`), `Subject: ${subject}\n\n${text}\n`);
      const dir = locale === "ar" ? "rtl" : "ltr";
      cells.push(
        `<td lang="${locale}" dir="${dir}"><a href="${baseName}.html">${escapeHtml(subject)}</a> <small>(<a href="${baseName}.txt">text</a>)</small></td>`,
      );
    }
    rows.push(`<tr><th scope="row"><code>${template}</code></th>${cells.join("")}</tr>`);
  }

  const index = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tremplin email previews</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2937; }
  table { border-collapse: collapse; }
  th, td { border: 1px solid #d1d5db; padding: 0.5rem 0.75rem; vertical-align: top; }
  th[scope="row"] { text-align: start; }
  a { color: #0b5d4b; }
</style>
</head>
<body>
<h1>Tremplin email previews</h1>
<p>Rendered from <code>SAMPLE_PAYLOADS</code> in <code>emails/render.tsx</code>.</p>
<table>
<thead><tr><th scope="col">Template</th>${EMAIL_LOCALES.map((locale) => `<th scope="col">${locale}</th>`).join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
</body>
</html>
`;
  await fs.writeFile(path.join(OUTPUT_DIR, "index.html"), index);

  const fileCount = EMAIL_TEMPLATES.length * EMAIL_LOCALES.length * 2 + 1;
  console.log(`Wrote ${fileCount} files to ${OUTPUT_DIR}`);
  console.log(`Open ${path.join(OUTPUT_DIR, "index.html")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
