import { hasPhrase, type KeywordNode, lexemesOf, parseKeywordQuery } from './keyword-query';
import { phrasesTestable } from './phrase-matches';

describe('parseKeywordQuery', () => {
  it('binds & tighter than | and groups each from the left', () => {
    expect(parseKeywordQuery("'a' | 'b' & 'c' | 'd'")).toEqual({
      kind: 'or',
      left: {
        kind: 'or',
        left: { kind: 'word', lexeme: 'a' },
        right: {
          kind: 'and',
          left: { kind: 'word', lexeme: 'b' },
          right: { kind: 'word', lexeme: 'c' },
        },
      },
      right: { kind: 'word', lexeme: 'd' },
    });
  });

  it('reads negation, parentheses and doubled quotes', () => {
    expect(parseKeywordQuery("!( 'o''brien' | 'a\\\\b' ) & 'x'")).toEqual({
      kind: 'and',
      left: {
        kind: 'not',
        operand: {
          kind: 'or',
          left: { kind: 'word', lexeme: "o'brien" },
          right: { kind: 'word', lexeme: 'a\\b' },
        },
      },
      right: { kind: 'word', lexeme: 'x' },
    });
  });

  it('reads phrase operators with their distance', () => {
    const node = parseKeywordQuery("'after' <-> 'school' <2> 'club' & 'x'") as KeywordNode;
    expect(node).toMatchObject({ kind: 'and', left: { kind: 'phrase', distance: 2 } });
    expect(hasPhrase(node)).toBe(true);
    expect(lexemesOf(node)).toEqual(['after', 'school', 'club', 'x']);
  });

  it('rejects prefixes, weights, empty text and unbalanced parentheses', () => {
    for (const text of ["'nurs':*", "'nurs':AB", '', "( 'a' & 'b'", "'a' &", "'a' 'b'"]) {
      expect(parseKeywordQuery(text)).toBeNull();
    }
  });

  it('lists each lexeme once', () => {
    const node = parseKeywordQuery("'a' & 'b' | 'a' & !'c'") as KeywordNode;
    expect(lexemesOf(node)).toEqual(['a', 'b', 'c']);
    expect(hasPhrase(node)).toBe(false);
  });
});

describe('phrasesTestable', () => {
  const parsed = (text: string) => parseKeywordQuery(text) as KeywordNode;

  it('accepts phrases of words anywhere', () => {
    expect(
      phrasesTestable(parsed("'after-school' <2> 'school' | 'school' & !( 'a' <-> 'b' )")),
    ).toBe(true);
  });

  it('rejects phrases around other operators', () => {
    expect(phrasesTestable(parsed("'a' <-> ( 'b' | 'c' )"))).toBe(false);
    expect(phrasesTestable(parsed("'a' <-> !'b'"))).toBe(false);
  });
});
