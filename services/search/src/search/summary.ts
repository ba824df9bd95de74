import {
  ELIGIBILITY_COLUMNS,
  fieldsFromColumns,
  type MappedColumns,
  type Scholarship,
  type ScholarshipRow,
  SUMMARY_COLUMNS,
  type SummaryRow,
  scholarshipSummaryFromRow,
} from '@scholarships/contracts';
import { keywordSnippet } from './snippet';

/** The eligibility fields that a search result shows, in response order. */
const RESULT_ELIGIBILITY_COLUMNS = {
  fieldsOfStudy: ELIGIBILITY_COLUMNS.fieldsOfStudy,
  gradeLevels: ELIGIBILITY_COLUMNS.gradeLevels,
  citizenship: ELIGIBILITY_COLUMNS.citizenship,
  states: ELIGIBILITY_COLUMNS.states,
  genders: ELIGIBILITY_COLUMNS.genders,
  minGpa: ELIGIBILITY_COLUMNS.minGpa,
  basis: ELIGIBILITY_COLUMNS.basis,
} as const;

/** Columns of the scholarship that a search result is read from, for the statements' `SELECT` lists. */
export const RESULT_COLUMNS = [
  ...SUMMARY_COLUMNS,
  'url',
  ...Object.values(RESULT_ELIGIBILITY_COLUMNS),
] as const;

type SummaryColumns = SummaryRow &
  Pick<ScholarshipRow, 'url'> &
  MappedColumns<typeof RESULT_ELIGIBILITY_COLUMNS>;

/** Columns of every row of the search statement, which repeat on each row of a page. */
interface SearchTotals {
  total: number;
  /**
   * Number of operands and operators in the parsed keyword: 0 when it has no searchable word, and
   * `null` without keyword or when it has words but none to find (exclusions beside stop words).
   */
  keyword_nodes: number | null;
  /** Parsed keyword as PostgreSQL prints it, such as `'public' & 'polici'`, or `null` without keyword. */
  keyword_query: string | null;
}

/** A row of the search statement that carries a scholarship of the page. */
export interface SearchPageRow extends SummaryColumns, SearchTotals {
  sort_key: number | string;
  rank: number | null;
  /** Description of the scholarship: whole with q, and its first 400 characters without. */
  description_text: string | null;
}

/** The only row of an empty page: the total, with every scholarship column `null`. */
export interface EmptyPageRow extends SearchTotals {
  id: null;
}

export type SearchRow = SearchPageRow | EmptyPageRow;

/** A search result: enough to list a scholarship and decide whether to open it. */
export interface ScholarshipSummary {
  id: string;
  name: string;
  provider: string | null;
  url: string | null;
  award: Scholarship['award'];
  deadline: Scholarship['deadline'];
  eligibility: Pick<
    Scholarship['eligibility'],
    'fieldsOfStudy' | 'gradeLevels' | 'citizenship' | 'states' | 'genders' | 'minGpa' | 'basis'
  >;
  /** Relevance score of the keyword match, present only when q is given. */
  rank?: number;
  /** Plain text from the description without markup, `null` when there is none. */
  snippet: string | null;
}

/** Maximum length of a snippet taken from the start of a description, in characters. */
export const SNIPPET_LENGTH = 200;

/** Collapses whitespace and cuts `text` at a word boundary, marking the cut with an ellipsis. */
export function shortenText(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  const words = lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut;
  return `${words.replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * Returns the passage around the keyword when the description contains a
 * keyword word, else the start of the description.
 */
function snippetOf(row: SearchPageRow, keyword: ReadonlySet<string> | null): string | null {
  if (row.description_text === null) return null;
  const passage = keyword === null ? null : keywordSnippet(row.description_text, keyword);
  if (passage !== null) return passage.replace(/\s+/g, ' ');
  const snippet = shortenText(row.description_text, SNIPPET_LENGTH);
  return snippet === '' ? null : snippet;
}

export function isPageRow(row: SearchRow): row is SearchPageRow {
  return row.id !== null;
}

/**
 * Maps a page row to the API summary. `keyword` contains the stems of the searched words
 * (`keywordStems`), or is `null` without keyword, and `rank` is given only with a keyword.
 */
export function summaryFromRow(
  row: SearchPageRow,
  keyword: ReadonlySet<string> | null,
): ScholarshipSummary {
  const { id, name, provider, award, deadline } = scholarshipSummaryFromRow(row);
  const eligibility = fieldsFromColumns(
    row,
    RESULT_ELIGIBILITY_COLUMNS,
  ) as ScholarshipSummary['eligibility'];
  return {
    id,
    name,
    provider,
    url: row.url,
    award,
    deadline,
    eligibility,
    ...(keyword !== null && row.rank !== null ? { rank: row.rank } : {}),
    snippet: snippetOf(row, keyword),
  };
}
