import { droppedKeywordNote, formatFound } from './result-summary';

describe('formatFound', () => {
  it('states an exact total as it is', () => {
    expect(formatFound({ total: 184, totalExact: true })).toBe('184 scholarships found');
  });

  it('states a capped total as a lower bound', () => {
    expect(formatFound({ total: 1000, totalExact: false })).toBe(
      '1,000 or more scholarships found',
    );
  });
});

describe('droppedKeywordNote', () => {
  it('explains a keyword of common words only', () => {
    expect(droppedKeywordNote({ q: 'the and of' }, { query: { q: null } })).toBe(
      ' "the and of" contains only words too common to search for, so every scholarship is listed.',
    );
  });

  it('says nothing when the keyword was searched', () => {
    expect(droppedKeywordNote({ q: 'nursing' }, { query: { q: 'nursing' } })).toBe('');
  });

  it('says nothing without a keyword', () => {
    expect(droppedKeywordNote({}, { query: { q: null } })).toBe('');
  });
});
