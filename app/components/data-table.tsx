import { Link, useSearchParams } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { useDelegatedNavigation } from "./delegated-navigation.ts";
import { Pagination } from "./pagination.tsx";

export type SortDirection = "ascending" | "descending";

export type DataTableColumn<Row> = {
  key: string;
  header: ReactNode;
  /** The header is read by screen readers only (e.g. a column of actions). */
  headerHidden?: boolean;
  cell: (row: Row) => ReactNode;
  /** This column names the row: its cells are row headers (`<th scope="row">`), read with every cell of the row. */
  rowHeader?: boolean;
  /** Numbers: aligned to the end, tabular figures. */
  numeric?: boolean;
  /**
   * What people typed (a project's name, a person's): each cell takes the direction of its own text
   * (`dir="auto"`), so French in the Arabic interface reads left to right and the reverse.
   */
  userText?: boolean;
  /**
   * A sortable column: its header links to `?param=value` (the page's other query
   * parameters kept, back to the first page); the sorted one has `aria-sort`.
   */
  sort?: { param?: string; value: string; direction: SortDirection; active: boolean };
};

export type DataTableSelection<Row> = {
  /** Name of the checkboxes in the surrounding form. */
  name: string;
  /** The selection column's header, read by screen readers only. */
  header: string;
  value: (row: Row) => string;
  /** Each checkbox's accessible name, e.g. "Select Atlas Solar". */
  label: (row: Row) => string;
};

export type DataTableProps<Row> = {
  /** Names the table and its scrolling region. */
  caption: ReactNode;
  /** The caption is read by screen readers only (a heading nearby already says it). */
  captionHidden?: boolean;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: ReadonlyArray<DataTableColumn<Row>>;
  /** Shown in one cell across the table when there is no row. */
  emptyMessage: ReactNode;
  /** A first column of labelled checkboxes, for the bulk actions of a surrounding form. */
  selection?: DataTableSelection<Row>;
  /** Previous / next links under the table (the existing Pagination, filters kept). */
  pagination?: { page: number; hasMore: boolean; pageCount?: number };
  /** Rows hold plain `<a href>`s, navigated client-side by one handler on the body (see delegated-navigation.ts). */
  delegatedLinks?: boolean;
};

/**
 * The one table of the admin and reviewer tools: a caption, column headers (sortable
 * ones as links with `aria-sort`), row headers, an empty state, an optional selection
 * column and pagination, inside a region that scrolls sideways on a narrow screen and
 * can be focused, so keyboard users can scroll it too. Values arrive formatted
 * (dates are formatted by the loaders, on the server).
 */
export function DataTable<Row>({
  caption,
  captionHidden,
  rows,
  rowKey,
  columns,
  emptyMessage,
  selection,
  pagination,
  delegatedLinks,
}: DataTableProps<Row>) {
  const captionId = useId();
  const [searchParams] = useSearchParams();
  const navigateWithin = useDelegatedNavigation();
  const sortHref = (sort: NonNullable<DataTableColumn<Row>["sort"]>) => {
    const params = new URLSearchParams(searchParams);
    params.set(sort.param ?? "sort", sort.value);
    params.delete("page");
    return `?${params}`;
  };
  const columnCount = columns.length + (selection ? 1 : 0);
  return (
    <>
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table">
          <caption id={captionId} className={captionHidden ? "visually-hidden" : undefined}>
            {caption}
          </caption>
          <thead>
            <tr>
              {selection ? (
                <th scope="col" className="select-cell">
                  <span className="visually-hidden">{selection.header}</span>
                </th>
              ) : null}
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={column.numeric ? "numeric" : undefined}
                  aria-sort={column.sort?.active ? column.sort.direction : undefined}
                >
                  {column.sort ? (
                    <Link to={sortHref(column.sort)} className="sort-link">
                      {column.header}
                      <span aria-hidden="true" className="sort-indicator">
                        {column.sort.active ? (column.sort.direction === "descending" ? "▼" : "▲") : "↕"}
                      </span>
                    </Link>
                  ) : column.headerHidden ? (
                    <span className="visually-hidden">{column.header}</span>
                  ) : (
                    column.header
                  )}
                </th>
              ))}
            </tr>
          </thead>
          {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- only catches clicks bubbling up from the row links, which Enter also fires */}
          <tbody onClick={delegatedLinks ? navigateWithin : undefined}>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columnCount} className="empty-cell">
                  {emptyMessage}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={rowKey(row)}>
                  {selection ? (
                    <td className="select-cell">
                      <input type="checkbox" name={selection.name} value={selection.value(row)} aria-label={selection.label(row)} />
                    </td>
                  ) : null}
                  {columns.map((column) =>
                    column.rowHeader ? (
                      <th key={column.key} scope="row" dir={column.userText ? "auto" : undefined}>
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td key={column.key} className={column.numeric ? "numeric" : undefined} dir={column.userText ? "auto" : undefined}>
                        {column.cell(row)}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {pagination ? <Pagination page={pagination.page} hasMore={pagination.hasMore} pageCount={pagination.pageCount} /> : null}
    </>
  );
}
