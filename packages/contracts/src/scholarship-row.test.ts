import { SCHOLARSHIP_COLUMNS, type ScholarshipRow, scholarshipFromRow } from './index';

const row: ScholarshipRow = {
  id: '0b6f3a52-6a55-4c5e-9a43-0d2f1d3c9b11',
  name: 'Future Nurses Scholarship',
  provider: 'Texas Nursing Foundation',
  description: null,
  url: 'https://example.org/nursing',
  award_amount_min: null,
  award_amount_max: 2500,
  award_currency: 'USD',
  award_text: '$2,500',
  deadline: '2027-03-01',
  deadline_published: '2015-03-01',
  deadline_estimated: true,
  field_of_study: ['nursing'],
  grade_level: ['high_school_senior'],
  citizenship: [],
  state: ['TX'],
  min_gpa: 3,
  gender: [],
  ethnicity: [],
  basis: 'merit',
  eligibility_notes: null,
  sources: [{ source: 'helios', ref: '12' }],
  version: 3,
  updated_at: new Date('2026-12-01T10:00:00Z'),
};

describe('scholarshipFromRow', () => {
  it('groups award, deadline and eligibility columns', () => {
    const scholarship = scholarshipFromRow(row);
    expect(scholarship.award).toEqual({ min: null, max: 2500, currency: 'USD', text: '$2,500' });
    expect(scholarship.deadline).toEqual({
      next: '2027-03-01',
      published: '2015-03-01',
      estimated: true,
    });
    expect(scholarship.eligibility.states).toEqual(['TX']);
    expect(scholarship.eligibility.basis).toBe('merit');
  });

  it('renders the update time as ISO 8601', () => {
    expect(scholarshipFromRow(row).updatedAt).toBe('2026-12-01T10:00:00.000Z');
  });

  it('accepts the update time as a string', () => {
    const fromText = scholarshipFromRow({ ...row, updated_at: '2026-12-01 10:00:00+00' });
    expect(fromText.updatedAt).toBe('2026-12-01T10:00:00.000Z');
  });

  it('lists groups in response order', () => {
    const scholarship = scholarshipFromRow(row);
    expect(Object.keys(scholarship)).toEqual([
      'id',
      'name',
      'provider',
      'description',
      'url',
      'award',
      'deadline',
      'eligibility',
      'sources',
      'version',
      'updatedAt',
    ]);
    expect(Object.keys(scholarship.award)).toEqual(['min', 'max', 'currency', 'text']);
    expect(Object.keys(scholarship.deadline)).toEqual(['next', 'published', 'estimated']);
    expect(Object.keys(scholarship.eligibility)).toEqual([
      'fieldsOfStudy',
      'gradeLevels',
      'citizenship',
      'states',
      'minGpa',
      'genders',
      'ethnicities',
      'basis',
      'notes',
    ]);
  });
});

describe('SCHOLARSHIP_COLUMNS', () => {
  it('names every column of the row once', () => {
    expect([...SCHOLARSHIP_COLUMNS].sort()).toEqual(Object.keys(row).sort());
  });
});
