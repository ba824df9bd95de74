import { conditionMatches, parseEntityTagCondition } from './entity-tags';

const ID = '7f0c2a4e-1111-4d2b-9a47-0e5a9d1c0b01';

describe('parseEntityTagCondition', () => {
  it('reads * and lists of weak and strong tags', () => {
    expect(parseEntityTagCondition(' * ')).toEqual({ any: true });
    expect(parseEntityTagCondition(`W/"${ID}-1" , "${ID}-2"`)).toEqual({
      any: false,
      opaqueTags: [`${ID}-1`, `${ID}-2`],
    });
  });

  it.each([[`, W/"${ID}-35"`], [`W/"${ID}-35", `], [`W/"${ID}-35",,`], [` ,\t, W/"${ID}-35"`]])(
    'skips empty elements in %j',
    (value) => {
      expect(parseEntityTagCondition(value)).toEqual({ any: false, opaqueTags: [`${ID}-35`] });
    },
  );

  it('keeps tags around empty elements', () => {
    expect(parseEntityTagCondition(`"a", , "b"`)).toEqual({ any: false, opaqueTags: ['a', 'b'] });
  });

  it.each([[''], [','], [' , , '], ['1'], ['"1" "2"'], ['"1", 2'], ['W/1']])(
    'rejects %j',
    (value) => {
      expect(parseEntityTagCondition(value)).toBeUndefined();
    },
  );

  it('matches a row by opaque tag', () => {
    const condition = parseEntityTagCondition(`, W/"${ID}-35"`);
    if (condition === undefined) throw new Error('the test value did not parse');

    expect(conditionMatches(condition, { id: ID, version: 35 })).toBe(true);
    expect(conditionMatches(condition, { id: ID, version: 36 })).toBe(false);
  });
});
