import type { StatementSummary } from '../metrics';

/** Milliseconds with two decimals below 10 and one above, e.g. `4.27` or `118.4`. */
export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** Formats seconds with three decimals, e.g. `0.264`, and null as n/a. */
export function formatSeconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  return value.toFixed(3);
}

/** Formats a fraction of 1 as a percentage, e.g. `0.0123` as `1.23 %`. */
export function formatRatio(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return 'n/a';
  return `${(value * 100).toFixed(digits)} %`;
}

/** Formats a signed percentage such as `-87.3 %`; n/a for null. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  return `${value.toFixed(1)} %`;
}

export function formatMultiple(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  return `${value.toFixed(1)}x`;
}

/** Lays out rows as a plain-text table with right-aligned columns after the first. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Cells of one statement's row in the text and HTML tables of database time. */
export function statementCells(entry: StatementSummary): string[] {
  return [
    entry.statement,
    String(entry.count),
    formatMs(entry.meanMs),
    formatMs(entry.p95Ms),
    formatSeconds(entry.totalSeconds),
    formatRatio(entry.share, 1),
  ];
}
