import { US_STATE_CODES, type UsStateCode } from '@scholarships/contracts';
import { inVocabularyOrder, splitList } from './list';

const CODE_BY_NAME = new Map<string, UsStateCode>([
  ['alabama', 'AL'],
  ['alaska', 'AK'],
  ['arizona', 'AZ'],
  ['arkansas', 'AR'],
  ['california', 'CA'],
  ['colorado', 'CO'],
  ['connecticut', 'CT'],
  ['delaware', 'DE'],
  ['district of columbia', 'DC'],
  ['washington dc', 'DC'],
  ['florida', 'FL'],
  ['georgia', 'GA'],
  ['hawaii', 'HI'],
  ['idaho', 'ID'],
  ['illinois', 'IL'],
  ['indiana', 'IN'],
  ['iowa', 'IA'],
  ['kansas', 'KS'],
  ['kentucky', 'KY'],
  ['louisiana', 'LA'],
  ['maine', 'ME'],
  ['maryland', 'MD'],
  ['massachusetts', 'MA'],
  ['michigan', 'MI'],
  ['minnesota', 'MN'],
  ['mississippi', 'MS'],
  ['missouri', 'MO'],
  ['montana', 'MT'],
  ['nebraska', 'NE'],
  ['nevada', 'NV'],
  ['new hampshire', 'NH'],
  ['new jersey', 'NJ'],
  ['new mexico', 'NM'],
  ['new york', 'NY'],
  ['north carolina', 'NC'],
  ['north dakota', 'ND'],
  ['ohio', 'OH'],
  ['oklahoma', 'OK'],
  ['oregon', 'OR'],
  ['pennsylvania', 'PA'],
  ['rhode island', 'RI'],
  ['south carolina', 'SC'],
  ['south dakota', 'SD'],
  ['tennessee', 'TN'],
  ['texas', 'TX'],
  ['utah', 'UT'],
  ['vermont', 'VT'],
  ['virginia', 'VA'],
  ['washington', 'WA'],
  ['west virginia', 'WV'],
  ['wisconsin', 'WI'],
  ['wyoming', 'WY'],
  ['american samoa', 'AS'],
  ['guam', 'GU'],
  ['northern mariana islands', 'MP'],
  ['puerto rico', 'PR'],
  ['us virgin islands', 'VI'],
  ['virgin islands', 'VI'],
]);

const CODES = new Set<string>(US_STATE_CODES);

/**
 * Returns the USPS code for a state name (`New York`, `Washington D.C`) or a
 * code (`ny`), or `null` when the value names no US state or territory.
 */
export function toStateCode(value: string): UsStateCode | null {
  const key = value
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const byName = CODE_BY_NAME.get(key);
  if (byName) return byName;
  const upper = key.toUpperCase();
  return CODES.has(upper) ? (upper as UsStateCode) : null;
}

/** Result of mapping a list of state names: the codes, and the names that matched none. */
export interface StateListResult {
  codes: UsStateCode[];
  unknown: string[];
}

/** Maps a comma-joined list of state names (`Maine,New York,Washington D.C`) to USPS codes. */
export function parseStateList(value: string | null | undefined): StateListResult {
  const codes: UsStateCode[] = [];
  const unknown: string[] = [];
  for (const name of splitList(value)) {
    const code = toStateCode(name);
    if (code) codes.push(code);
    else unknown.push(name);
  }
  return { codes: inVocabularyOrder(US_STATE_CODES, codes), unknown };
}
