import { type SearchPageRow, shortenText, summaryFromRow } from './summary';

describe('shortenText', () => {
  it('keeps short text and collapses whitespace', () => {
    expect(shortenText('  Open to\n\nall   majors. ', 50)).toBe('Open to all majors.');
  });

  it('cuts at a word boundary with an ellipsis', () => {
    expect(shortenText('Awarded to students who volunteer weekly', 30)).toBe(
      'Awarded to students who…',
    );
  });

  it('drops punctuation before the ellipsis', () => {
    expect(shortenText('Need-based, renewable, and merit-based awards', 24)).toBe(
      'Need-based, renewable…',
    );
  });

  it('cuts a long word when no space is near', () => {
    expect(shortenText('a'.repeat(40), 10)).toBe(`${'a'.repeat(10)}…`);
  });
});

const pageRow: SearchPageRow = {
  total: 1,
  keyword_nodes: 1,
  keyword_query: "'rural'",
  sort_key: 0.5,
  rank: 0.5,
  description_text: 'Supports  students\nin rural Montana.',
  id: '3c9d2b7e-8f14-4e6a-9b20-5a1d7c4e8f36',
  name: 'Big Sky Scholarship',
  provider: 'Montana Community Fund',
  url: 'https://example.org/big-sky',
  award_amount_min: 500,
  award_amount_max: 2000,
  award_currency: 'USD',
  award_text: '$500 to $2,000',
  deadline: '2027-02-01',
  deadline_published: '2027-02-01',
  deadline_estimated: false,
  field_of_study: ['education'],
  grade_level: ['high_school_senior'],
  citizenship: [],
  state: ['MT'],
  gender: [],
  min_gpa: 2.5,
  basis: 'merit',
};

describe('summaryFromRow', () => {
  it('lists fields in response order', () => {
    const summary = summaryFromRow(pageRow, new Set(['rural']));
    expect(Object.keys(summary)).toEqual([
      'id',
      'name',
      'provider',
      'url',
      'award',
      'deadline',
      'eligibility',
      'rank',
      'snippet',
    ]);
    expect(Object.keys(summary.eligibility)).toEqual([
      'fieldsOfStudy',
      'gradeLevels',
      'citizenship',
      'states',
      'genders',
      'minGpa',
      'basis',
    ]);
  });

  it('maps award, deadline and eligibility columns', () => {
    const summary = summaryFromRow(pageRow, null);
    expect(summary.award).toEqual({ min: 500, max: 2000, currency: 'USD', text: '$500 to $2,000' });
    expect(summary.deadline).toEqual({
      next: '2027-02-01',
      published: '2027-02-01',
      estimated: false,
    });
    expect(summary.eligibility.states).toEqual(['MT']);
    expect(summary.eligibility.minGpa).toBe(2.5);
    expect(summary.eligibility.basis).toBe('merit');
  });

  it('omits rank without a keyword', () => {
    expect(summaryFromRow(pageRow, null)).not.toHaveProperty('rank');
  });

  it('takes the snippet from the description start', () => {
    expect(summaryFromRow(pageRow, null).snippet).toBe('Supports students in rural Montana.');
  });

  it('takes the snippet around the keyword', () => {
    const description = `${'Applicants write an essay about service. '.repeat(8)}Preference goes to students from rural Montana counties.`;
    const row = { ...pageRow, description_text: description };
    const snippet = summaryFromRow(row, new Set(['rural'])).snippet;
    expect(snippet).toContain('rural Montana');
    expect(snippet?.startsWith('Applicants write')).toBe(false);
  });

  it('falls back without a keyword match', () => {
    expect(summaryFromRow(pageRow, new Set(['nurs'])).snippet).toBe(
      'Supports students in rural Montana.',
    );
  });
});
