import { nextUtcMidnight, utcDate } from './clock';

describe('utcDate', () => {
  it('formats the UTC day of a time', () => {
    expect(utcDate(Date.UTC(2026, 11, 4, 23, 59, 59, 999))).toBe('2026-12-04');
    expect(utcDate(Date.UTC(2026, 11, 5))).toBe('2026-12-05');
  });

  it('follows a clock moved backwards', () => {
    expect(utcDate(Date.UTC(2027, 0, 1, 12))).toBe('2027-01-01');
    expect(utcDate(Date.UTC(2026, 11, 31, 12))).toBe('2026-12-31');
  });
});

describe('nextUtcMidnight', () => {
  it('returns the start of the next UTC day', () => {
    expect(nextUtcMidnight(Date.UTC(2026, 11, 31, 8))).toBe(Date.UTC(2027, 0, 1));
  });

  it('matches the calendar around midnight', () => {
    for (const midnight of [Date.UTC(1969, 11, 31), Date.UTC(2024, 1, 29), Date.UTC(2026, 2, 29)]) {
      for (const now of [midnight - 1, midnight, midnight + 1]) {
        const date = new Date(now);
        const calendar = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
        expect(nextUtcMidnight(now)).toBe(calendar);
      }
    }
  });
});
