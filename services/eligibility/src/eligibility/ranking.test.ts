import type { ScholarshipSummary } from './candidate';
import { compareMatches, type RankedMatch } from './ranking';

const TODAY = '2026-03-01';

function match(
  id: string,
  status: RankedMatch['status'],
  deadline: string | null,
  awardMax: number | null = null,
): RankedMatch {
  const scholarship: ScholarshipSummary = {
    id,
    name: `Scholarship ${id}`,
    provider: null,
    award: { min: null, max: awardMax, currency: awardMax === null ? null : 'USD', text: null },
    deadline: { next: deadline, published: deadline, estimated: false },
  };
  return { scholarship, status };
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

  it('breaks remaining ties by name then id', () => {
    const ids = rank([match('b', 'eligible', null), match('a', 'eligible', null)]);
    expect(ids).toEqual(['a', 'b']);
  });
});
