import { parseCsvWithHeader } from './parse-csv';
import { readSourceFile } from './read-source-file';

/** One data row of `scholarship_for_everyone/scholarships.csv` (scraped from IEFA). */
export interface IefaRow {
  /** 1-based position among the data rows, header not counted. */
  rowNumber: number;
  title: string;
  sponsor: string;
  /** Fields of study, or `Unrestricted`. The file names this column "Submission Deadline". */
  categories: string;
  amount: string;
  description: string;
}

const COLUMNS = {
  title: 'Title',
  sponsor: 'Sponsor',
  categories: 'Submission Deadline',
  amount: 'Award Amount',
  description: 'Description',
} as const;

export function parseIefa(text: string): IefaRow[] {
  const rows = parseCsvWithHeader(text, Object.values(COLUMNS), 'scholarship_for_everyone');
  return rows.map((row, index) => ({
    rowNumber: index + 1,
    title: row[COLUMNS.title] ?? '',
    sponsor: row[COLUMNS.sponsor] ?? '',
    categories: row[COLUMNS.categories] ?? '',
    amount: row[COLUMNS.amount] ?? '',
    description: row[COLUMNS.description] ?? '',
  }));
}

export async function readIefa(dataDir: string): Promise<IefaRow[]> {
  return parseIefa(await readSourceFile(dataDir, 'scholarship_for_everyone'));
}
