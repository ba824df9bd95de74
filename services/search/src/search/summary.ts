import type { Scholarship, ScholarshipRow } from '@scholarships/contracts';

type SummaryColumns = Pick<
  ScholarshipRow,
  | 'id'
  | 'name'
  | 'provider'
  | 'url'
  | 'award_amount_min'
  | 'award_amount_max'
  | 'award_currency'
  | 'award_text'
  | 'deadline'
  | 'deadline_published'
  | 'deadline_estimated'
  | 'field_of_study'
  | 'grade_level'
  | 'citizenship'
  | 'state'
  | 'gender'
  | 'min_gpa'
  | 'basis'
>;

/** Columns of every row of the search statement, which repeat on each row of a page. */
interface SearchTotals {
  total: number;
  /** Number of operands and operators in the parsed keyword, 0 when it has no searchable word; `null` without keyword. */
  keyword_nodes: number | null;
}

/** A row of the search statement that carries a scholarship of the page. */
export interface SearchPageRow extends SummaryColumns, SearchTotals {
  sort_key: number | string;
  rank: number | null;
  /** Passage of the description around the keyword, `null` without q or description. */
  headline: string | null;
  description_start: string | null;
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

function snippetOf(row: SearchPageRow): string | null {
  if (row.headline !== null && row.headline.trim() !== '') {
    return row.headline.replace(/\s+/g, ' ').trim();
  }
  if (row.description_start === null) return null;
  const snippet = shortenText(row.description_start, SNIPPET_LENGTH);
  return snippet === '' ? null : snippet;
}

export function isPageRow(row: SearchRow): row is SearchPageRow {
  return row.id !== null;
}

/** Maps a page row to the API summary, with `rank` only for keyword searches. */
export function summaryFromRow(row: SearchPageRow, withRank: boolean): ScholarshipSummary {
  const eligibility = {
    fieldsOfStudy: row.field_of_study as ScholarshipSummary['eligibility']['fieldsOfStudy'],
    gradeLevels: row.grade_level as ScholarshipSummary['eligibility']['gradeLevels'],
    citizenship: row.citizenship as ScholarshipSummary['eligibility']['citizenship'],
    states: row.state as ScholarshipSummary['eligibility']['states'],
    genders: row.gender as ScholarshipSummary['eligibility']['genders'],
    minGpa: row.min_gpa,
    basis: row.basis as ScholarshipSummary['eligibility']['basis'],
  };
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    url: row.url,
    award: {
      min: row.award_amount_min,
      max: row.award_amount_max,
      currency: row.award_currency,
      text: row.award_text,
    },
    deadline: {
      next: row.deadline,
      published: row.deadline_published,
      estimated: row.deadline_estimated,
    },
    eligibility,
    ...(withRank && row.rank !== null ? { rank: row.rank } : {}),
    snippet: snippetOf(row),
  };
}
