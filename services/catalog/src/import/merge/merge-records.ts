import {
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GENDERS,
  GRADE_LEVELS,
  type SourceReference,
  US_STATE_CODES,
} from '@scholarships/contracts';
import type { GuessableList, ScholarshipRecord } from '../types';
import {
  distinctLines,
  firstPresent,
  latestDate,
  longestText,
  lowestNumber,
  richestAward,
  unionByAppearance,
  unionInOrder,
} from './pick-richest';

function uniqueSources(records: readonly ScholarshipRecord[]): SourceReference[] {
  const seen = new Set<string>();
  return records
    .flatMap((record) => record.sources)
    .filter((reference) => {
      const id = `${reference.source}\u0000${reference.ref}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
}

const GUESSABLE_LISTS: readonly GuessableList[] = ['fieldsOfStudy', 'gradeLevels'];

/** Records whose `list` the source stated; when every record guessed it, all of them. */
function statedFirst(group: readonly ScholarshipRecord[], list: GuessableList) {
  const stated = group.filter((record) => !record.guessed.includes(list));
  return stated.length > 0 ? stated : group;
}

/**
 * Folds records that share a source key into one. Each field keeps the
 * richest value: the longest text, the award with the most detail, the latest
 * published deadline, the union of restriction lists, the lowest minimum GPA
 * and the first stated basis. A list stated by a source, even an empty one,
 * wins over lists guessed from titles. The name comes from the first record,
 * and `sources` lists every origin.
 */
export function mergeGroup(group: readonly ScholarshipRecord[]): ScholarshipRecord {
  const [first] = group;
  if (!first) throw new Error('Cannot merge an empty group of scholarship records.');
  const pick = <K extends keyof ScholarshipRecord>(key: K) => group.map((record) => record[key]);
  return {
    sourceKey: first.sourceKey,
    name: first.name,
    provider: longestText(pick('provider')),
    description: longestText(pick('description')),
    url: firstPresent(pick('url')),
    award: richestAward(pick('award')),
    deadlinePublished: latestDate(pick('deadlinePublished')),
    fieldsOfStudy: unionInOrder(
      FIELDS_OF_STUDY,
      statedFirst(group, 'fieldsOfStudy').map((record) => record.fieldsOfStudy),
    ),
    gradeLevels: unionInOrder(
      GRADE_LEVELS,
      statedFirst(group, 'gradeLevels').map((record) => record.gradeLevels),
    ),
    citizenship: unionInOrder(CITIZENSHIP_STATUSES, pick('citizenship')),
    states: unionInOrder(US_STATE_CODES, pick('states')),
    minGpa: lowestNumber(pick('minGpa')),
    genders: unionInOrder(GENDERS, pick('genders')),
    ethnicities: unionByAppearance(pick('ethnicities')),
    basis: firstPresent(pick('basis')),
    eligibilityNotes: distinctLines(pick('eligibilityNotes')),
    sources: uniqueSources(group),
    guessed: GUESSABLE_LISTS.filter((list) =>
      group.every((record) => record.guessed.includes(list)),
    ),
  };
}

/** Result of folding duplicates: one record per source key, and how many records were folded away. */
export interface MergeResult {
  records: ScholarshipRecord[];
  merged: number;
}

/** Groups records by source key, keeping first-appearance order, and merges each group. */
export function mergeRecords(records: readonly ScholarshipRecord[]): MergeResult {
  const groups = new Map<string, ScholarshipRecord[]>();
  for (const record of records) {
    const group = groups.get(record.sourceKey);
    if (group) group.push(record);
    else groups.set(record.sourceKey, [record]);
  }
  const merged = [...groups.values()].map(mergeGroup);
  return { records: merged, merged: records.length - merged.length };
}
