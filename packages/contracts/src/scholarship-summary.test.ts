import { SUMMARY_COLUMNS, type SummaryRow, scholarshipSummaryFromRow } from './index';

const row: SummaryRow = {
  id: '9a4e1c7b-3f2d-4b8e-a1c6-2d7f5e9b0c13',
  name: 'Rural Teachers Grant',
  provider: null,
  award_amount_min: null,
  award_amount_max: null,
  award_currency: null,
  award_text: 'Varies',
  deadline: null,
  deadline_published: null,
  deadline_estimated: false,
};

describe('scholarshipSummaryFromRow', () => {
  it('groups award and deadline columns', () => {
    const summary = scholarshipSummaryFromRow(row);
    expect(summary.award).toEqual({ min: null, max: null, currency: null, text: 'Varies' });
    expect(summary.deadline).toEqual({ next: null, published: null, estimated: false });
  });

  it('lists fields in response order', () => {
    const summary = scholarshipSummaryFromRow(row);
    expect(Object.keys(summary)).toEqual(['id', 'name', 'provider', 'award', 'deadline']);
    expect(Object.keys(summary.award)).toEqual(['min', 'max', 'currency', 'text']);
    expect(Object.keys(summary.deadline)).toEqual(['next', 'published', 'estimated']);
  });

  it('ignores columns outside the summary', () => {
    const summary = scholarshipSummaryFromRow({ ...row, url: 'https://example.org' } as SummaryRow);
    expect(summary).not.toHaveProperty('url');
  });
});

describe('SUMMARY_COLUMNS', () => {
  it('names every summary column once', () => {
    expect([...SUMMARY_COLUMNS].sort()).toEqual(Object.keys(row).sort());
  });
});
