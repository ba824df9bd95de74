import {
  CONTENT_COLUMNS,
  contentColumns,
  type ScholarshipContent,
  type ScholarshipContentRow,
  scholarshipFromRow,
} from './index';

const content: ScholarshipContent = {
  name: 'Coastal Engineering Award',
  provider: 'Gulf Coast Engineers',
  description: 'For students who plan to design coastal defences.',
  url: 'https://example.org/coastal',
  award: { min: 1000, max: 5000, currency: 'USD', text: '$1,000 to $5,000' },
  deadline: { next: '2027-04-15', published: '2027-04-15', estimated: false },
  eligibility: {
    fieldsOfStudy: ['engineering'],
    gradeLevels: ['undergraduate'],
    citizenship: ['us_citizen'],
    states: ['LA', 'MS'],
    minGpa: 3.2,
    genders: ['female'],
    ethnicities: ['hispanic'],
    basis: 'need',
    notes: 'Must attend a four-year college.',
  },
};

const expectedRow: ScholarshipContentRow = {
  name: 'Coastal Engineering Award',
  provider: 'Gulf Coast Engineers',
  description: 'For students who plan to design coastal defences.',
  url: 'https://example.org/coastal',
  award_amount_min: 1000,
  award_amount_max: 5000,
  award_currency: 'USD',
  award_text: '$1,000 to $5,000',
  deadline: '2027-04-15',
  deadline_published: '2027-04-15',
  deadline_estimated: false,
  field_of_study: ['engineering'],
  grade_level: ['undergraduate'],
  citizenship: ['us_citizen'],
  state: ['LA', 'MS'],
  min_gpa: 3.2,
  gender: ['female'],
  ethnicity: ['hispanic'],
  basis: 'need',
  eligibility_notes: 'Must attend a four-year college.',
};

describe('contentColumns', () => {
  it('stores each field in its column', () => {
    expect(contentColumns(content)).toEqual(expectedRow);
  });

  it('inverts scholarshipFromRow', () => {
    const row = {
      ...expectedRow,
      id: '5d0c8f5e-2a8b-4a55-8d3c-8a9e2f1b7c40',
      sources: [{ source: 'admin', ref: 'user-1' }],
      version: 2,
      updated_at: '2026-11-02T08:30:00Z',
    };
    expect(contentColumns(scholarshipFromRow(row))).toEqual(expectedRow);
  });

  it('writes the columns in table order', () => {
    expect(Object.keys(contentColumns(content))).toEqual([...CONTENT_COLUMNS]);
  });
});

describe('CONTENT_COLUMNS', () => {
  it('names every content column once', () => {
    expect([...CONTENT_COLUMNS].sort()).toEqual(Object.keys(expectedRow).sort());
  });
});
