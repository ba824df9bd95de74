import { formatGpa, joinWords } from './wording';

describe('joinWords', () => {
  it('joins zero to three words', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a or b');
    expect(joinWords(['a', 'b', 'c'], 'and')).toBe('a, b and c');
  });
});

describe('formatGpa', () => {
  it('keeps one decimal for whole numbers', () => {
    expect(formatGpa(3)).toBe('3.0');
    expect(formatGpa(0)).toBe('0.0');
    expect(formatGpa(3.25)).toBe('3.25');
  });
});
