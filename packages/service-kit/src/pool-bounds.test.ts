import { poolBoundProblems } from './pool-bounds';

describe('poolBoundProblems', () => {
  it('accepts a minimum up to the maximum', () => {
    expect(poolBoundProblems({ DB_POOL_MIN: 5, DB_POOL_MAX: 5 })).toEqual([]);
  });

  it('rejects a minimum above the maximum', () => {
    expect(poolBoundProblems({ DB_POOL_MIN: 20, DB_POOL_MAX: 5 })).toEqual([
      'DB_POOL_MIN: must be at most DB_POOL_MAX (20 > 5)',
    ]);
  });
});
