import type { ScholarshipRecord } from '../types';
import { IMPORTED_COLUMNS, toScholarshipRow } from './scholarship-row';

const record: ScholarshipRecord = {
  sourceKey: 'name:davidson-fellows-scholarship',
  name: 'Davidson Fellows Scholarship',
  provider: null,
  description: null,
  url: 'http://www.davidsongifted.org/fellows/',
  award: { min: 50000, max: 50000, currency: 'USD', text: '$50,000' },
  deadlinePublished: '2015-02-11',
  fieldsOfStudy: ['mathematics'],
  gradeLevels: ['high_school_senior'],
  citizenship: [],
  states: [],
  minGpa: null,
  genders: [],
  ethnicities: [],
  basis: 'merit',
  eligibilityNotes: null,
  sources: [{ source: 'helios', ref: 'id 76' }],
  guessed: [],
};

describe('toScholarshipRow', () => {
  it('projects the deadline from today', () => {
    const row = toScholarshipRow(record, '2025-12-04');
    expect(row.deadline).toBe('2026-02-11');
    expect(row.deadline_published).toBe('2015-02-11');
    expect(row.deadline_estimated).toBe(true);
  });

  it('stores sources as JSON text', () => {
    expect(toScholarshipRow(record, '2025-12-04').sources).toBe(
      '[{"source":"helios","ref":"id 76"}]',
    );
  });

  it('leaves the deadline empty without a date', () => {
    const row = toScholarshipRow({ ...record, deadlinePublished: null }, '2025-12-04');
    expect(row.deadline).toBeNull();
    expect(row.deadline_estimated).toBe(false);
  });

  it('fills every content column', () => {
    const row = toScholarshipRow(record, '2025-12-04');
    for (const column of IMPORTED_COLUMNS) expect(row).toHaveProperty(column);
  });
});
