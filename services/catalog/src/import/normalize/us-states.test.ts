import { parseStateList, toStateCode } from './us-states';

describe('toStateCode', () => {
  it.each([
    ['New York', 'NY'],
    ['Washington', 'WA'],
    ['Washington D.C', 'DC'],
    ['District of Columbia', 'DC'],
    ['West Virginia', 'WV'],
    ['Puerto Rico', 'PR'],
    ['az', 'AZ'],
  ])('maps %j to %s', (name, code) => {
    expect(toStateCode(name)).toBe(code);
  });

  it.each(['Australia', 'Ontario', 'N/A'])('returns null for %j', (name) => {
    expect(toStateCode(name)).toBeNull();
  });
});

describe('parseStateList', () => {
  it('maps a helios list in vocabulary order', () => {
    const result = parseStateList(
      'Maine,New Hampshire,Vermont,Rhode Island,Massachusetts,Connecticut,New York,New Jersey,Pennsylvania,Ohio,Delaware,Maryland,Washington D.C,Virginia,West Virginia,North Carolina',
    );
    expect(result.codes).toEqual([
      'CT',
      'DE',
      'DC',
      'ME',
      'MD',
      'MA',
      'NH',
      'NJ',
      'NY',
      'NC',
      'OH',
      'PA',
      'RI',
      'VT',
      'VA',
      'WV',
    ]);
    expect(result.unknown).toEqual([]);
  });

  it('reports names that are no state', () => {
    expect(parseStateList('Arizona,Australia')).toEqual({ codes: ['AZ'], unknown: ['Australia'] });
  });

  it('gives no restriction for N/A', () => {
    expect(parseStateList('N/A')).toEqual({ codes: [], unknown: [] });
  });
});
