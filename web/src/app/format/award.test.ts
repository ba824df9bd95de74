import { awardAndDeadline, formatDeadline } from './award';

const award = { min: 1000, max: 1000, currency: 'USD', text: null };

describe('formatDeadline', () => {
  it('names the published date when estimated', () => {
    const deadline = { next: '2027-08-03', published: '2024-08-03', estimated: true };
    expect(formatDeadline(deadline)).toBe('2027-08-03 (estimated from the 2024-08-03 deadline)');
  });

  it('never claims last year', () => {
    const deadline = { next: '2027-08-03', published: '2014-08-03', estimated: true };
    expect(formatDeadline(deadline)).not.toContain('last year');
  });

  it('handles an estimate without published date', () => {
    const deadline = { next: '2027-08-03', published: null, estimated: true };
    expect(formatDeadline(deadline)).toBe('2027-08-03 (estimated from an earlier year)');
  });
});

describe('awardAndDeadline', () => {
  it('names the published date when estimated', () => {
    const deadline = { next: '2027-08-03', published: '2024-08-03', estimated: true };
    expect(awardAndDeadline(award, deadline)).toBe(
      '$1,000 · Deadline 2027-08-03 (estimated from the 2024-08-03 deadline)',
    );
  });
});
