import { conditionMatches, parseEntityTagCondition } from './entity-tags';

const ID = '7f0c2a4e-1111-4d2b-9a47-0e5a9d1c0b01';

describe('conditionMatches', () => {
  it('matches a row by opaque tag', () => {
    const condition = parseEntityTagCondition(`, W/"${ID}-35"`);
    if (condition === undefined) throw new Error('the test value did not parse');

    expect(conditionMatches(condition, { id: ID, version: 35 })).toBe(true);
    expect(conditionMatches(condition, { id: ID, version: 36 })).toBe(false);
  });
});
