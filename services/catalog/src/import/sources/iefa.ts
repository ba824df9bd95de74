import { decodeHTMLStrict } from 'entities';
import { parseCsvWithHeader } from './parse-csv';
import { readSourceFile } from './read-source-file';

/**
 * One data row of `scholarship_for_everyone/scholarships.csv` (scraped from IEFA), with its HTML
 * character references decoded: the scrape kept them as the pages had them, so a description
 * read `the &quot;Master of Laws&quot; scheme`.
 */
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
    title: fieldOf(row, COLUMNS.title),
    sponsor: fieldOf(row, COLUMNS.sponsor),
    categories: fieldOf(row, COLUMNS.categories),
    amount: fieldOf(row, COLUMNS.amount),
    description: fieldOf(row, COLUMNS.description),
  }));
}

/**
 * Reads one field and decodes its character references. Only references that end in `;` count,
 * so text such as `AT&T` or `R&D` stays as it is.
 */
function fieldOf(row: Record<string, string | undefined>, column: string): string {
  return decodeHTMLStrict(row[column] ?? '');
}

export async function readIefa(dataDir: string): Promise<IefaRow[]> {
  return parseIefa(await readSourceFile(dataDir, 'scholarship_for_everyone'));
}
