import { nextDeadline } from './next-deadline';

describe('nextDeadline', () => {
  it('keeps a future date as published', () => {
    expect(nextDeadline('2026-03-01', '2025-12-04')).toEqual({
      next: '2026-03-01',
      estimated: false,
    });
  });

  it('keeps a date equal to today', () => {
    expect(nextDeadline('2025-12-04', '2025-12-04')).toEqual({
      next: '2025-12-04',
      estimated: false,
    });
  });

  it('moves a past date to this year when still ahead', () => {
    expect(nextDeadline('2015-12-31', '2025-12-04')).toEqual({
      next: '2025-12-31',
      estimated: true,
    });
  });

  it('moves a past date to next year when passed', () => {
    expect(nextDeadline('2015-10-31', '2025-12-04')).toEqual({
      next: '2026-10-31',
      estimated: true,
    });
  });

  it('projects onto today itself', () => {
    expect(nextDeadline('2014-12-04', '2025-12-04')).toEqual({
      next: '2025-12-04',
      estimated: true,
    });
  });

  it('turns February 29 into February 28 in common years', () => {
    expect(nextDeadline('2024-02-29', '2025-01-10')).toEqual({
      next: '2025-02-28',
      estimated: true,
    });
  });

  it('keeps February 29 in leap years', () => {
    expect(nextDeadline('2024-02-29', '2027-03-01')).toEqual({
      next: '2028-02-29',
      estimated: true,
    });
  });

  it('rejects an invalid today', () => {
    expect(() => nextDeadline('2024-02-29', '2025-02-29')).toThrow('Invalid date "2025-02-29"');
  });
});
