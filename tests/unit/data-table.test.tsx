// The shared table of the admin and reviewer tools, rendered as the server renders it.
import fs from "node:fs";
import path from "node:path";
import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { MemoryRouter } from "react-router-dom";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DataTable, type DataTableColumn, type DataTableProps } from "~/components/data-table.tsx";
import { catalogs, resources } from "~/i18n/catalogs.ts";
import { i18nConfig } from "~/i18n/config.ts";

const i18n = createInstance();
void i18n.use(initReactI18next).init({ ...i18nConfig, lng: "en", resources, initImmediate: false });

// React's development build warns that the router's links use a layout effect, which does nothing on a
// server render (as here, and as in the app): that warning only, not any other error, is left out.
const consoleError = console.error;
beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("Warning: useLayoutEffect does nothing on the server")) return;
    consoleError(...args);
  });
});
afterAll(() => vi.restoreAllMocks());

type Project = { id: string; name: string; score: number };

const ROWS: Project[] = [
  { id: "p1", name: "Atlas Solar", score: 4.5 },
  { id: "p2", name: "Argan Data", score: 3 },
];

const COLUMNS: Array<DataTableColumn<Project>> = [
  { key: "name", header: "Project", rowHeader: true, cell: (row) => <a href={`/admin/applications/${row.id}`}>{row.name}</a> },
  {
    key: "score",
    header: "Score",
    numeric: true,
    sort: { value: "score", direction: "descending", active: true },
    cell: (row) => row.score,
  },
  { key: "raw", header: "Raw", sort: { value: "raw", direction: "descending", active: false }, cell: (row) => row.score * 2 },
  { key: "actions", header: "Actions", headerHidden: true, cell: () => <button type="button">Open</button> },
];

/** The HTML the server sends for such a table. */
function render(props: Partial<DataTableProps<Project>> = {}, url = "/admin/applications?call=spring&status=REVIEW&page=3") {
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter initialEntries={[url]}>
        <DataTable caption="Applications" rows={ROWS} rowKey={(row) => row.id} columns={COLUMNS} emptyMessage="Nothing here." {...props} />
      </MemoryRouter>
    </I18nextProvider>,
  );
}

const section = (html: string, tag: string) => new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, "s").exec(html)?.[1] ?? "";
const all = (html: string, pattern: RegExp) => [...html.matchAll(pattern)];
const text = (html: string) => html.replace(/<[^>]+>/g, "");
const hrefParams = (href: string) => Object.fromEntries(new URL(href.replaceAll("&amp;", "&"), "http://localhost").searchParams);

describe("DataTable", () => {
  it("names the table by its caption, and the scrolling region by the same caption, focusable by keyboard", () => {
    const html = render();
    const captionId = /<caption id="([^"]+)">Applications<\/caption>/.exec(html)?.[1];
    expect(captionId).toBeTruthy();
    expect(html).toMatch(
      new RegExp(`^<div class="table-scroll" role="region" aria-labelledby="${captionId}" tabindex="0"><table class="data-table">`),
    );
  });

  it("hides the caption visually only when asked", () => {
    expect(render()).toMatch(/<caption id="[^"]+">/);
    expect(render({ captionHidden: true })).toMatch(/<caption id="[^"]+" class="visually-hidden">Applications<\/caption>/);
  });

  it("heads every column with a th scope=col, and the naming column of each row with a th scope=row", () => {
    const html = render();
    const headers = all(section(html, "thead"), /<th scope="col"[^>]*>(.*?)<\/th>/g).map((m) => text(m[1]));
    expect(headers).toEqual(["Project", "Score▼", "Raw↕", "Actions"]);
    expect(section(html, "thead")).toContain('<th scope="col"><span class="visually-hidden">Actions</span></th>');
    const rows = all(section(html, "tbody"), /<tr>(.*?)<\/tr>/g).map((m) => m[1]);
    expect(rows).toHaveLength(2);
    for (const [i, row] of rows.entries()) {
      expect(row).toMatch(new RegExp(`^<th scope="row"><a href="/admin/applications/${ROWS[i].id}">${ROWS[i].name}</a></th>`));
      expect(all(row, /<td[^>]*>(.*?)<\/td>/g).map((m) => text(m[1]))).toEqual([String(ROWS[i].score), String(ROWS[i].score * 2), "Open"]);
    }
    expect(rows[0]).toContain(`<td class="numeric">${ROWS[0].score}</td>`);
  });

  it("lets the cells of a column of typed text (userText) take their own direction, and only those", () => {
    const columns: Array<DataTableColumn<Project>> = [
      { key: "name", header: "Project", rowHeader: true, userText: true, cell: (row) => row.name },
      { key: "founder", header: "Founder", userText: true, cell: () => "سلمى" },
      { key: "score", header: "Score", numeric: true, cell: (row) => row.score },
    ];
    const rows = all(section(render({ columns }), "tbody"), /<tr>(.*?)<\/tr>/g).map((m) => m[1]);
    expect(rows[0]).toBe(
      `<th scope="row" dir="auto">${ROWS[0].name}</th><td dir="auto">سلمى</td><td class="numeric">${ROWS[0].score}</td>`,
    );
    // Headers are the interface's words, in its direction.
    expect(section(render({ columns }), "thead")).not.toContain("dir=");
  });

  it("makes sortable headers links that keep the filters and go back to page 1, with aria-sort on the sorted column only", () => {
    const headers = all(section(render(), "thead"), /<th ([^>]*)>(.*?)<\/th>/g);
    expect(headers.map((m) => /aria-sort="(\w+)"/.exec(m[1])?.[1] ?? null)).toEqual([null, "descending", null, null]);
    const links = headers.map((m) => /<a [^>]*href="([^"]+)"/.exec(m[2])?.[1] ?? null);
    expect(links[0]).toBeNull();
    expect(hrefParams(links[1]!)).toEqual({ call: "spring", status: "REVIEW", sort: "score" });
    expect(hrefParams(links[2]!)).toEqual({ call: "spring", status: "REVIEW", sort: "raw" });
    // The arrow is decoration: the header's accessible name stays the column's name.
    expect(headers[2][2]).toContain('<span aria-hidden="true" class="sort-indicator">↕</span>');
  });

  it("shows the empty state in one cell across every column, selection included", () => {
    const html = render({
      rows: [],
      selection: { name: "selected", header: "Select", value: (row) => row.id, label: (row) => `Select ${row.name}` },
    });
    // (React writes the attribute colSpan; HTML attribute names are case-insensitive.)
    expect(section(html, "tbody")).toBe(`<tr><td colSpan="${COLUMNS.length + 1}" class="empty-cell">Nothing here.</td></tr>`);
    expect(all(section(html, "thead"), /<th /g)).toHaveLength(COLUMNS.length + 1);
  });

  it("puts a labelled checkbox first in each row for a selection, under a header read by screen readers", () => {
    const html = render({
      selection: { name: "selected", header: "Select", value: (row) => `${row.id}:7`, label: (row) => `Select ${row.name}` },
    });
    expect(section(html, "thead")).toMatch(/^<tr><th scope="col" class="select-cell"><span class="visually-hidden">Select<\/span><\/th>/);
    const rows = all(section(html, "tbody"), /<tr>(.*?)<\/tr>/g).map((m) => m[1]);
    expect(rows.map((row) => /^<td class="select-cell">(<input[^>]*\/>)<\/td>/.exec(row)?.[1])).toEqual([
      '<input type="checkbox" name="selected" aria-label="Select Atlas Solar" value="p1:7"/>',
      '<input type="checkbox" name="selected" aria-label="Select Argan Data" value="p2:7"/>',
    ]);
  });

  it("adds the pagination under the table only when given, keeping the filters in its links", () => {
    expect(render()).not.toContain("pagination");
    const html = render({ pagination: { page: 3, hasMore: true, pageCount: 5 } });
    const nav = new RegExp(`</div><nav class="pagination" aria-label="${catalogs.en.admin.pages}">(.*?)</nav>$`).exec(html)?.[1] ?? "";
    expect(text(nav)).toBe(`${catalogs.en.outbox.previous}Page 3 of 5${catalogs.en.outbox.next}`);
    expect(all(nav, /<a [^>]*href="([^"]+)"/g).map((m) => hrefParams(m[1]))).toEqual([
      { call: "spring", status: "REVIEW", page: "2" },
      { call: "spring", status: "REVIEW", page: "4" },
    ]);
  });
});

describe("tables in the app", () => {
  it("are all this component: no route or other component writes its own <table>", () => {
    const files = fs
      .readdirSync("app", { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx$/.test(file) && !file.startsWith(`generated${path.sep}`));
    expect(files.length).toBeGreaterThan(20);
    const own = files.filter(
      (file) => file !== path.join("components", "data-table.tsx") && /<table[\s>]/.test(fs.readFileSync(path.join("app", file), "utf8")),
    );
    expect(own).toEqual([]);
  });
});
