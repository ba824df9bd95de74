import { parseFinancialNeedFlag, parseNeedOrMerit } from './award-basis';
import { parseEthnicities, parseGenders } from './demographics';
import { parseMinGpa } from './min-gpa';

describe('parseGenders', () => {
  it('maps helios Female', () => {
    expect(parseGenders('Female')).toEqual(['female']);
  });

  it('gives no restriction for N/A', () => {
    expect(parseGenders('N/A')).toEqual([]);
  });
});

describe('parseEthnicities', () => {
  it('keeps readable lowercase names', () => {
    expect(parseEthnicities('African American,Asian,Native American,Hispanic')).toEqual([
      'african american',
      'asian',
      'native american',
      'hispanic',
    ]);
  });
});

describe('parseNeedOrMerit', () => {
  it.each([
    ['Merit Based', 'merit'],
    ['Need Based', 'need'],
    ['N/A', null],
    ['Both', null],
  ])('maps %j', (text, basis) => {
    expect(parseNeedOrMerit(text)).toBe(basis);
  });
});

describe('parseFinancialNeedFlag', () => {
  it.each([
    ['Yes', 'need'],
    ['', null],
    ['No', null],
  ])('maps %j', (text, basis) => {
    expect(parseFinancialNeedFlag(text)).toBe(basis);
  });
});

describe('parseMinGpa', () => {
  it.each<[number | string, number | null]>([
    [100, null],
    [3, 3],
    [3.2, 3.2],
    ['2.75', 2.75],
    [4, 4],
    [4.5, null],
    ['', null],
    ['N/A', null],
    [0, null],
  ])('maps %j', (value, gpa) => {
    expect(parseMinGpa(value)).toBe(gpa);
  });
});
