import { ifMatchHolds, ifNoneMatchHolds, parseEntityTagCondition, profileTag } from './entity-tags';

describe('conditions', () => {
  const parse = (value: string) => {
    const condition = parseEntityTagCondition(value);
    if (!condition) throw new Error(`unparsable test value ${value}`);
    return condition;
  };

  it('compare If-Match strongly', () => {
    expect(profileTag(2)).toBe('"2"');
    expect(ifMatchHolds(parse('"2"'), 2)).toBe(true);
    expect(ifMatchHolds(parse('W/"2"'), 2)).toBe(false);
    expect(ifMatchHolds(parse('"1"'), 2)).toBe(false);
    expect(ifMatchHolds(parse('*'), undefined)).toBe(false);
  });

  it('compare If-None-Match weakly', () => {
    expect(ifNoneMatchHolds(parse('*'), undefined)).toBe(true);
    expect(ifNoneMatchHolds(parse('*'), 1)).toBe(false);
    expect(ifNoneMatchHolds(parse('W/"1"'), 1)).toBe(false);
    expect(ifNoneMatchHolds(parse('"2"'), 1)).toBe(true);
  });
});
