import { createHash } from 'node:crypto';
import { ETHNICITY_FOLD, normalizeEthnicity } from './ethnicity-fold';

/**
 * SHA-256 of the map's entries as JSON. The eligibility service's migration
 * `010-fold-ethnicities-by-fixed-table` stored the map in the database, so a different digest
 * needs a new migration there that replaces `eligibility_fold_ethnicity`.
 */
const MIGRATED_FOLD_DIGEST = '7639e4617adfafda45df4867632cc40c67a4060b28520a264fdaa2c24cc1150b';

function* allCharacters(): Generator<string> {
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
    yield String.fromCodePoint(codePoint);
  }
}

describe('normalizeEthnicity', () => {
  it('lower-cases Latin, Greek and Cyrillic letters', () => {
    expect(normalizeEthnicity('ÉTUDIANT CAFÉ')).toBe('étudiant café');
    expect(normalizeEthnicity('Māori')).toBe('māori');
    expect(normalizeEthnicity('ΈΛΛΗΝΑΣ')).toBe('έλληνασ');
    expect(normalizeEthnicity('Ελληνας')).toBe('ελληνασ');
    expect(normalizeEthnicity('РУССКИЙ')).toBe('русский');
    expect(normalizeEthnicity('ᎠᏍᎦᏯ')).toBe('ꭰꮝꭶꮿ');
  });

  it('keeps text without case as written', () => {
    expect(normalizeEthnicity('中国人')).toBe('中国人');
    expect(normalizeEthnicity('日本人 😀')).toBe('日本人 😀');
    expect(normalizeEthnicity('한국인')).toBe('한국인');
  });

  it('trims the whitespace that String.prototype.trim removes', () => {
    expect(normalizeEthnicity('\u00a0 Hispanic\u3000\n')).toBe('hispanic');
  });

  it('maps dotted capital I to i and a combining dot', () => {
    expect(normalizeEthnicity('İNUPİAT')).toBe('i\u0307nupi\u0307at');
  });

  it('keeps letters added after Unicode 15.1', () => {
    expect(normalizeEthnicity('\uA7CBx')).toBe('\uA7CBx');
    expect(normalizeEthnicity('\u{10D50}')).toBe('\u{10D50}');
  });

  it('gives the same result when applied twice', () => {
    const changed: string[] = [];
    for (const character of allCharacters()) {
      const folded = normalizeEthnicity(character);
      if (normalizeEthnicity(folded) !== folded) changed.push(character);
    }
    expect(changed).toEqual([]);
  });
});

describe('ETHNICITY_FOLD', () => {
  it('agrees with toLowerCase except for final sigma', () => {
    const disagreements = [...ETHNICITY_FOLD].filter(
      ([character, replacement]) => character.toLowerCase() !== replacement,
    );
    expect(disagreements).toEqual([['\u03C2', '\u03C3']]);
  });

  it('has the entries the eligibility migration stored', () => {
    const digest = createHash('sha256')
      .update(JSON.stringify([...ETHNICITY_FOLD]))
      .digest('hex');
    expect(digest).toBe(MIGRATED_FOLD_DIGEST);
  });
});
