import { parseCsvWithHeader } from './parse-csv';
import { readSourceFile } from './read-source-file';

/** One data row of `islt_7310/scholarships_data.csv`. */
export interface IsltRow {
  /** 1-based position among the data rows, header not counted. */
  rowNumber: number;
  title: string;
  amount: string;
  dueDate: string;
}

const COLUMNS = { title: 'Scholarship Title', amount: 'Amount', dueDate: 'Due Date' } as const;

/** Parses the islt CSV. The stale `Days til due` column is ignored. */
export function parseIslt(text: string): IsltRow[] {
  const rows = parseCsvWithHeader(text, Object.values(COLUMNS), 'islt_7310');
  return rows.map((row, index) => ({
    rowNumber: index + 1,
    title: row[COLUMNS.title] ?? '',
    amount: row[COLUMNS.amount] ?? '',
    dueDate: row[COLUMNS.dueDate] ?? '',
  }));
}

export async function readIslt(dataDir: string): Promise<IsltRow[]> {
  return parseIslt(await readSourceFile(dataDir, 'islt_7310'));
}
