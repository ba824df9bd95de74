import type { ScholarshipRecord } from '../types';
import { mergeRecords } from './merge-records';

function record(overrides: Partial<ScholarshipRecord>): ScholarshipRecord {
  return {
    sourceKey: 'name:a-better-america-scholarship-program',
    name: 'A Better America Scholarship Program',
    provider: null,
    description: null,
    url: null,
    award: { min: null, max: null, currency: null, text: null },
    deadlinePublished: null,
    fieldsOfStudy: [],
    gradeLevels: [],
    citizenship: [],
    states: [],
    minGpa: null,
    genders: [],
    ethnicities: [],
    basis: null,
    eligibilityNotes: null,
    sources: [],
    guessed: [],
    ...overrides,
  };
}

describe('mergeRecords', () => {
  // helios ids 265 and 330 describe the same award with different levels and deadlines.
  const first = record({
    description: 'Global English Editing awards one $1500 scholarship each year.',
    award: { min: 1500, max: 1500, currency: 'USD', text: '$1,500' },
    deadlinePublished: '2014-12-31',
    gradeLevels: ['undergraduate', 'graduate'],
    basis: 'merit',
    sources: [{ source: 'helios', ref: 'id 265' }],
  });
  const second = record({
    description:
      'Global English Editing awards scholarships to students in the United States each year.',
    award: { min: null, max: null, currency: null, text: 'Varies' },
    deadlinePublished: '2015-07-31',
    gradeLevels: ['high_school_senior', 'undergraduate', 'graduate'],
    sources: [{ source: 'helios', ref: 'id 330' }],
  });
  const result = mergeRecords([first, second]);
  const [merged] = result.records;

  it('folds records with one key', () => {
    expect(result.records).toHaveLength(1);
    expect(result.merged).toBe(1);
  });

  it('keeps the richest values', () => {
    expect(merged?.description).toBe(second.description);
    expect(merged?.award).toEqual(first.award);
    expect(merged?.deadlinePublished).toBe('2015-07-31');
    expect(merged?.gradeLevels).toEqual(['high_school_senior', 'undergraduate', 'graduate']);
    expect(merged?.basis).toBe('merit');
  });

  it('lists every origin', () => {
    expect(merged?.sources).toEqual([
      { source: 'helios', ref: 'id 265' },
      { source: 'helios', ref: 'id 330' },
    ]);
  });

  it('prefers stated lists over guesses', () => {
    const stated = record({ fieldsOfStudy: [], sources: [{ source: 'helios', ref: 'id 1' }] });
    const guessed = record({
      fieldsOfStudy: ['mathematics'],
      guessed: ['fieldsOfStudy', 'gradeLevels'],
      sources: [{ source: 'islt_7310', ref: 'row 2' }],
    });
    const [combined] = mergeRecords([guessed, stated]).records;
    expect(combined?.fieldsOfStudy).toEqual([]);
    expect(combined?.guessed).toEqual([]);
  });

  it('unites guesses when nothing is stated', () => {
    const a = record({ fieldsOfStudy: ['nursing'], guessed: ['fieldsOfStudy'] });
    const b = record({ fieldsOfStudy: ['medicine'], guessed: ['fieldsOfStudy'] });
    const [combined] = mergeRecords([a, b]).records;
    expect(combined?.fieldsOfStudy).toEqual(['medicine', 'nursing']);
    expect(combined?.guessed).toEqual(['fieldsOfStudy']);
  });

  it('keeps records with other keys apart', () => {
    const other = record({ sourceKey: 'name:other', name: 'Other' });
    expect(mergeRecords([first, other]).records).toHaveLength(2);
  });
});
