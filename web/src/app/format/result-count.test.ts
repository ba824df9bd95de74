import { formatFound } from './result-count';

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
