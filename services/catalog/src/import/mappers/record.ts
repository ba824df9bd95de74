import { sourceKeyFor } from '../normalize/source-key';
import type { MappedRow, ScholarshipRecord, SourceName } from '../types';

/** Fields a mapper fills; the rest default to "unknown" or "no restriction". */
export type RecordFields = Pick<ScholarshipRecord, 'name'> &
  Partial<Omit<ScholarshipRecord, 'sourceKey' | 'sources'>>;

/** Builds a mapped record for one source row, deriving its source key from the name. */
export function recordRow(source: SourceName, ref: string, fields: RecordFields): MappedRow {
  const record: ScholarshipRecord = {
    sourceKey: sourceKeyFor(fields.name),
    name: fields.name,
    provider: fields.provider ?? null,
    description: fields.description ?? null,
    url: fields.url ?? null,
    award: fields.award ?? { min: null, max: null, currency: null, text: null },
    deadlinePublished: fields.deadlinePublished ?? null,
    fieldsOfStudy: fields.fieldsOfStudy ?? [],
    gradeLevels: fields.gradeLevels ?? [],
    citizenship: fields.citizenship ?? [],
    states: fields.states ?? [],
    minGpa: fields.minGpa ?? null,
    genders: fields.genders ?? [],
    ethnicities: fields.ethnicities ?? [],
    basis: fields.basis ?? null,
    eligibilityNotes: fields.eligibilityNotes ?? null,
    sources: [{ source, ref }],
    guessed: fields.guessed ?? [],
  };
  return { kind: 'record', record };
}

export function skippedRow(
  source: SourceName,
  ref: string,
  reason: string,
  detail: string,
): MappedRow {
  return { kind: 'skipped', skipped: { source, ref, reason, detail } };
}

/** Joins the non-empty note lines into one text, or returns `null` when there are none. */
export function joinNotes(lines: ReadonlyArray<string | null>): string | null {
  const present = lines.filter((line): line is string => line !== null && line.trim() !== '');
  return present.length > 0 ? present.join('\n') : null;
}

/** Skip reasons, shared so the report counts each reason under one text. */
export const SKIP_REASONS = {
  missingName: 'missing name',
  placeholder: 'placeholder row: every field except the title is "N/A" (site navigation text)',
} as const;
