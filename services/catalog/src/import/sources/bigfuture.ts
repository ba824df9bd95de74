import { z } from 'zod';
import { readSourceFile } from './read-source-file';

/** Column names as the file spells them, typos ("Eligbility", "Geogrphic") included. */
export const BIGFUTURE_COLUMNS = {
  name: 'Scholarship Name',
  audience: 'Scholarship Target Audience',
  about: 'About',
  website: 'Scholarship Website',
  amount: 'Amount',
  closes: 'Application Closes',
  schoolLevel: 'Eligbility - Specific HS/College',
  subject: 'Eligbility - Subject/Major',
  age: 'Eligibility - Age',
  grade: 'Eligibility - Grade',
  collegeAcceptance: 'Eligibility - College Acceptance',
  gpa: 'Eligibility - GPA',
  ethnicity: 'Eligibility - Heritage/Ethnicity',
  intendedLevel: 'Eligibility - Intended Level of Study',
  gender: 'Eligibility - Gender',
  location: 'Eligibility - Geogrphic Location',
  financialNeed: 'Eligbility - Financial Need',
  citizenship: 'Eligibility - USA Citizenship',
  requirements: 'Application Requirements',
} as const;

type ColumnKey = keyof typeof BIGFUTURE_COLUMNS;

/** One BigFuture record, keyed by readable names; a column missing from a record reads as `''`. */
export type BigFutureRow = Record<ColumnKey, string>;

const fileSchema = z.object({
  headers: z.array(z.string()),
  data: z.array(z.record(z.string(), z.string())),
});

function toRow(record: Record<string, string>): BigFutureRow {
  const entries = Object.entries(BIGFUTURE_COLUMNS).map(([key, column]) => [
    key,
    record[column] ?? '',
  ]);
  return Object.fromEntries(entries) as BigFutureRow;
}

/** Parses `{headers, data}`; throws when the shape differs or a header is missing. */
export function parseBigFuture(text: string): BigFutureRow[] {
  const result = fileSchema.safeParse(JSON.parse(text));
  if (!result.success) {
    throw new Error(
      `Invalid BigFuture file: ${result.error.issues[0]?.message ?? 'unknown issue'}.`,
    );
  }
  const missing = Object.values(BIGFUTURE_COLUMNS).filter(
    (column) => !result.data.headers.includes(column),
  );
  if (missing.length > 0) {
    throw new Error(`The BigFuture file lacks the header(s) ${missing.join(', ')}.`);
  }
  return result.data.data.map(toRow);
}

export async function readBigFuture(dataDir: string): Promise<BigFutureRow[]> {
  return parseBigFuture(await readSourceFile(dataDir, 'bigfuture_arizona'));
}
