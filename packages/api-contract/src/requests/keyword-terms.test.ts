import { keywordTerms, longestMinusRun } from './keyword-terms';

describe('keywordTerms', () => {
  test.each([
    ['nursing', { included: 1, excluded: 0, excludingAlternatives: 0, words: 1 }],
    ['registered nurse -dental', { included: 2, excluded: 1, excludingAlternatives: 0, words: 3 }],
    [
      '"first generation" or transfer',
      { included: 2, excluded: 0, excludingAlternatives: 0, words: 4 },
    ],
    ['-"dental hygiene" nursing', { included: 1, excluded: 1, excludingAlternatives: 0, words: 3 }],
    ['-zl-z5 -vb-v7', { included: 0, excluded: 2, excludingAlternatives: 0, words: 4 }],
    ['nursing - -- -', { included: 1, excluded: 0, excludingAlternatives: 0, words: 1 }],
    ['"unclosed phrase', { included: 1, excluded: 0, excludingAlternatives: 0, words: 2 }],
    ['OR', { included: 0, excluded: 0, excludingAlternatives: 0, words: 1 }],
    ['école -é', { included: 1, excluded: 1, excludingAlternatives: 0, words: 2 }],
    ['nursing (-dental) (-a-b)', { included: 1, excluded: 2, excludingAlternatives: 0, words: 4 }],
    ['nursing or -dental', { included: 1, excluded: 1, excludingAlternatives: 1, words: 3 }],
    ['-dental or nursing', { included: 1, excluded: 1, excludingAlternatives: 1, words: 3 }],
    [
      'nursing -dental or midwifery',
      { included: 2, excluded: 1, excludingAlternatives: 0, words: 4 },
    ],
    ['nursing -dental or', { included: 1, excluded: 1, excludingAlternatives: 0, words: 3 }],
    ['or -dental nursing', { included: 1, excluded: 1, excludingAlternatives: 0, words: 3 }],
    ['nursing or(-dental)', { included: 1, excluded: 1, excludingAlternatives: 1, words: 3 }],
    ['nursing "-dental" #-STEM', { included: 3, excluded: 0, excludingAlternatives: 0, words: 3 }],
    ['🎓-bound', { included: 1, excluded: 0, excludingAlternatives: 0, words: 1 }],
    ['nursing - dental', { included: 1, excluded: 1, excludingAlternatives: 0, words: 2 }],
    ['e\u0301cole', { included: 1, excluded: 0, excludingAlternatives: 0, words: 1 }],
    ['महिला इंजीनियरिंग छात्रवृत्ति', { included: 3, excluded: 0, excludingAlternatives: 0, words: 3 }],
    ['nursing or <-dental', { included: 1, excluded: 1, excludingAlternatives: 1, words: 3 }],
    ['<-dental', { included: 0, excluded: 1, excludingAlternatives: 0, words: 1 }],
    [
      'nursing <-a <-b <-c <-d <-e <-f',
      { included: 1, excluded: 6, excludingAlternatives: 0, words: 7 },
    ],
    ['nursing<-dental', { included: 1, excluded: 1, excludingAlternatives: 0, words: 2 }],
    ['nursing\u3000-dental', { included: 1, excluded: 1, excludingAlternatives: 0, words: 2 }],
    ['nursing\u00a0-dental', { included: 1, excluded: 0, excludingAlternatives: 0, words: 2 }],
    ['nursing:-dental', { included: 1, excluded: 0, excludingAlternatives: 0, words: 2 }],
    ['nursing or# -dental', { included: 1, excluded: 1, excludingAlternatives: 1, words: 3 }],
    ['nursing or² -dental', { included: 1, excluded: 1, excludingAlternatives: 1, words: 3 }],
    ['nursing or_ -dental', { included: 1, excluded: 1, excludingAlternatives: 0, words: 3 }],
    ['nursing orchid -dental', { included: 2, excluded: 1, excludingAlternatives: 0, words: 3 }],
    ['"nursing"-dental', { included: 1, excluded: 1, excludingAlternatives: 0, words: 2 }],
    ['nursing or -dental the', { included: 1, excluded: 1, excludingAlternatives: 1, words: 4 }],
    ['nursing or the -dental', { included: 1, excluded: 1, excludingAlternatives: 1, words: 4 }],
    ['The -dental', { included: 0, excluded: 1, excludingAlternatives: 0, words: 2 }],
    ['"the of" -dental', { included: 0, excluded: 1, excludingAlternatives: 0, words: 3 }],
    ['the-a -dental', { included: 0, excluded: 1, excludingAlternatives: 0, words: 3 }],
    ['the nursing -dental', { included: 1, excluded: 1, excludingAlternatives: 0, words: 3 }],
    ['nursing or the', { included: 1, excluded: 0, excludingAlternatives: 0, words: 3 }],
  ])('counts %s', (keyword, expected) => {
    expect(keywordTerms(keyword)).toEqual(expected);
  });
});

describe('longestMinusRun', () => {
  test.each([
    ['nursing', 0],
    ['nursing -dental', 1],
    ['nursing --dental -oral', 2],
    ['- -(-dental', 3],
    ['nursing ---', 3],
    ['"-dental" #-STEM', 0],
    ['-"oral surgery" ---x', 3],
    [`nursing ${'-'.repeat(40)}dental`, 40],
  ])('counts %s', (keyword, expected) => {
    expect(longestMinusRun(keyword)).toBe(expected);
  });
});
