import type { ScholarshipSummary } from '@scholarships/contracts';
import { compareCodePoints, compareMatches, type RankedMatch } from './ranking';

const TODAY = '2026-03-01';

function match(
  id: string,
  status: RankedMatch['status'],
  deadline: string | null,
  awardMax: number | null = null,
  specificity = 0,
): RankedMatch {
  const scholarship: ScholarshipSummary = {
    id,
    name: `Scholarship ${id}`,
    provider: null,
    award: { min: null, max: awardMax, currency: awardMax === null ? null : 'USD', text: null },
    deadline: { next: deadline, published: deadline, estimated: false },
  };
  return { scholarship, status, specificity };
}

function rank(matches: RankedMatch[]): string[] {
  return [...matches].sort(compareMatches(TODAY)).map((item) => item.scholarship.id);
}

describe('compareMatches', () => {
  it('puts eligible before possibly eligible', () => {
    const ids = rank([
      match('p', 'possibly_eligible', '2026-03-02'),
      match('e', 'eligible', '2026-12-01'),
    ]);
    expect(ids).toEqual(['e', 'p']);
  });

  it('puts more specific matches first within a status', () => {
    const ids = rank([
      match('open', 'eligible', '2026-03-02', 50_000, 0),
      match('targeted', 'eligible', '2026-09-01', 500, 2),
      match('field', 'eligible', '2026-04-01', 500, 1),
      match('possible', 'possibly_eligible', '2026-03-02', 50_000, 3),
    ]);
    expect(ids).toEqual(['targeted', 'field', 'open', 'possible']);
  });

  it('orders upcoming deadlines nearest first', () => {
    const ids = rank([
      match('later', 'eligible', '2026-06-01'),
      match('today', 'eligible', TODAY),
      match('soon', 'eligible', '2026-03-15'),
    ]);
    expect(ids).toEqual(['today', 'soon', 'later']);
  });

  it('puts missing then past deadlines after upcoming ones', () => {
    const ids = rank([
      match('long-past', 'eligible', '2025-01-01'),
      match('none', 'eligible', null),
      match('recent-past', 'eligible', '2026-02-28'),
      match('upcoming', 'eligible', '2026-09-01'),
    ]);
    expect(ids).toEqual(['upcoming', 'none', 'recent-past', 'long-past']);
  });

  it('breaks deadline ties by larger award', () => {
    const ids = rank([
      match('small', 'eligible', '2026-04-01', 500),
      match('varies', 'eligible', '2026-04-01', null),
      match('large', 'eligible', '2026-04-01', 10_000),
    ]);
    expect(ids).toEqual(['large', 'small', 'varies']);
  });

  it('uses the minimum when no maximum is given', () => {
    const onlyMin = match('min', 'eligible', null);
    onlyMin.scholarship.award.min = 2000;
    const ids = rank([match('max', 'eligible', null, 1000), onlyMin]);
    expect(ids).toEqual(['min', 'max']);
  });

  it('ranks other currencies like varies', () => {
    const yen = match('yen', 'eligible', '2026-04-01', 200_000);
    yen.scholarship.award.currency = 'JPY';
    const won = match('won', 'eligible', '2026-04-01', 3_500_000);
    won.scholarship.award.currency = 'KRW';
    // An amount with no stated currency counts as dollars.
    const unstated = match('unstated', 'eligible', '2026-04-01', 1000);
    unstated.scholarship.award.currency = null;
    const ids = rank([
      won,
      yen,
      unstated,
      match('varies', 'eligible', '2026-04-01', null),
      match('small', 'eligible', '2026-04-01', 500),
      match('large', 'eligible', '2026-04-01', 150_000),
    ]);
    expect(ids).toEqual(['large', 'unstated', 'small', 'varies', 'won', 'yen']);
  });

  it('breaks remaining ties by name then id', () => {
    const ids = rank([match('b', 'eligible', null), match('a', 'eligible', null)]);
    expect(ids).toEqual(['a', 'b']);
  });
});

describe('compareCodePoints', () => {
  it('orders by code point like COLLATE "C"', () => {
    // U+FF21 (fullwidth A) is below U+1F600 (an emoji) as code points, but
    // above its UTF-16 high surrogate U+D83D, which is what `<` compares.
    expect(compareCodePoints('\uFF21', '\u{1F600}')).toBeLessThan(0);
    expect('\uFF21' < '\u{1F600}').toBe(false);
    expect(compareCodePoints('a', 'a')).toBe(0);
    expect(compareCodePoints('B', 'a')).toBeLessThan(0);
  });
});
