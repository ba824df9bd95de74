import { seededRandom } from '../random';
import { composeDistinctQueries, SearchParameterSource } from './search-parameters';

const VOCABULARY = Array.from({ length: 200 }, (_, index) => `w${index + 1}`);

function source(poolSize: number, seed = 11): SearchParameterSource {
  return new SearchParameterSource(VOCABULARY, 1.1, seededRandom(seed), poolSize);
}

function drawTexts(parameters: SearchParameterSource, count: number): string[] {
  return Array.from({ length: count }, () => parameters.draw().toString());
}

describe('SearchParameterSource', () => {
  it('builds a pool of distinct queries', () => {
    const parameters = source(100);
    expect(parameters.size).toBe(100);
    const texts = new Set(
      Array.from({ length: 100 }, (_, rank) => parameters.query(rank).toString()),
    );
    expect(texts.size).toBe(100);
  });

  it('draws only queries of the pool', () => {
    const parameters = source(100);
    const pool = new Set(
      Array.from({ length: 100 }, (_, rank) => parameters.query(rank).toString()),
    );
    for (const text of drawTexts(parameters, 1000)) expect(pool.has(text)).toBe(true);
  });

  it('repeats popular queries far more than the median', () => {
    const parameters = source(100);
    const counts = new Map<string, number>();
    for (let rank = 0; rank < parameters.size; rank += 1) {
      counts.set(parameters.query(rank).toString(), 0);
    }
    for (const text of drawTexts(parameters, 5000)) counts.set(text, (counts.get(text) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const maxCount = sorted[0] ?? 0;
    const medianCount = sorted[Math.floor(sorted.length / 2)] ?? 0;
    expect(maxCount).toBeGreaterThan(500);
    expect(maxCount).toBeGreaterThan(10 * Math.max(medianCount, 1));
  });

  it('draws the same sequence for the same seed', () => {
    expect(drawTexts(source(100, 5), 200)).toEqual(drawTexts(source(100, 5), 200));
  });

  it('draws another sequence for another seed', () => {
    expect(drawTexts(source(100, 5), 200)).not.toEqual(drawTexts(source(100, 6), 200));
  });

  it('keeps the pool when a caller changes a drawn query', () => {
    const parameters = source(1);
    const original = parameters.query(0).toString();
    const drawn = parameters.draw();
    drawn.set('cursor', 'abc');
    drawn.delete('q');
    expect(parameters.draw().toString()).toBe(original);
    expect(parameters.query(0).has('cursor')).toBe(false);
  });

  it.each([0, -1, 2.5, Number.NaN])('rejects the pool size %p', (poolSize) => {
    expect(() => source(poolSize)).toThrow('must be a whole number of at least 1');
  });

  it('rejects an empty vocabulary', () => {
    expect(() => new SearchParameterSource([], 1.1, seededRandom(1), 10)).toThrow(
      'the search vocabulary is empty',
    );
  });

  it('rejects a rank outside the pool', () => {
    expect(() => source(10).query(10)).toThrow('outside the pool of 10');
  });
});

describe('composeDistinctQueries', () => {
  it('skips duplicates and keeps the first order', () => {
    const texts = ['q=a', 'q=b', 'q=a', 'q=c', 'q=b', 'q=d'];
    let next = 0;
    const compose = () => new URLSearchParams(texts[next++ % texts.length]);
    expect(composeDistinctQueries(compose, 3)).toEqual(['q=a', 'q=b', 'q=c']);
  });

  it('stops short when fewer distinct queries exist', () => {
    let calls = 0;
    const compose = () => {
      calls += 1;
      return new URLSearchParams(calls % 2 === 0 ? 'q=a' : 'q=b');
    };
    expect(composeDistinctQueries(compose, 50)).toEqual(['q=b', 'q=a']);
    expect(calls).toBe(50 * 20);
  });
});
