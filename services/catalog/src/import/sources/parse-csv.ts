import { parse } from 'csv-parse/sync';

/**
 * Parses CSV text with a header row into one object per data row, keyed by
 * column name. CRLF line ends, quoted fields with embedded commas and line
 * breaks, and a UTF-8 BOM are handled. Throws when the header lacks one of
 * `requiredColumns`.
 */
export function parseCsvWithHeader(
  text: string,
  requiredColumns: readonly string[],
  fileLabel: string,
): Record<string, string>[] {
  const checkHeader = (header: string[]): string[] => {
    const missing = requiredColumns.filter((column) => !header.includes(column));
    if (missing.length > 0) {
      const names = missing.map((column) => `"${column}"`).join(', ');
      throw new Error(
        `The ${fileLabel} file lacks the column(s) ${names}; found ${header.join(', ')}.`,
      );
    }
    return header;
  };
  return parse(text, { columns: checkHeader, bom: true }) as Record<string, string>[];
}
