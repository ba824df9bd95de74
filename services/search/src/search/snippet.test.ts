import { keywordSnippet, keywordStems, MAX_STEMMED_LENGTH, SNIPPET_MAX_WORDS } from './snippet';

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

const FILLER = 'The committee reviews every application with care and attention. ';

describe('keywordStems', () => {
  it('reads the stems of a parsed query', () => {
    expect([...keywordStems("'public' & 'polici'")]).toEqual(['public', 'polici']);
    expect([...keywordStems("'comput' <-> 'scienc' | 'nurs'")]).toEqual([
      'comput',
      'scienc',
      'nurs',
    ]);
  });

  it('leaves out negated words', () => {
    expect([...keywordStems("'nurs' & !'law'")]).toEqual(['nurs']);
  });

  it('leaves out the words of a negated phrase', () => {
    expect([...keywordStems("'nurs' & !( 'law' <-> 'school' ) | 'dental'")]).toEqual([
      'nurs',
      'dental',
    ]);
  });

  it('undoubles a quote inside a stem', () => {
    expect([...keywordStems("'o''brien'")]).toEqual(["o'brien"]);
  });

  it('finds nothing in an empty query', () => {
    expect(keywordStems('').size).toBe(0);
  });
});

describe('keywordSnippet', () => {
  it('returns a short description whole', () => {
    expect(keywordSnippet('Supports nursing students.', new Set(['nurs']))).toBe(
      'Supports nursing students.',
    );
  });

  it('compares words by their English stems', () => {
    const description = `${FILLER.repeat(6)} Open to students of public policies and economics.`;
    const snippet = keywordSnippet(description, new Set(['public', 'polici']));
    expect(snippet).toContain('public policies');
  });

  it('starts four words before the match', () => {
    const description = `${FILLER.repeat(6)} Applicants must be enrolled in a nursing program. ${FILLER.repeat(6)}`;
    const snippet = keywordSnippet(description, new Set(['nurs'])) ?? '';
    expect(snippet.startsWith('…be enrolled in a nursing program.')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(words(snippet).length).toBe(SNIPPET_MAX_WORDS);
  });

  it('prefers the most distinct keyword words', () => {
    const description = [
      'Nursing students may apply.',
      FILLER.repeat(6),
      'Nursing students from Texas receive priority.',
      FILLER.repeat(6),
    ].join(' ');
    const snippet = keywordSnippet(description, new Set(['nurs', 'texa'])) ?? '';
    expect(snippet).toContain('Nursing students from Texas');
    expect(snippet).not.toContain('may apply');
  });

  it('marks a cut start with an ellipsis', () => {
    const description = `${FILLER.repeat(6)} Awarded to a dental student.`;
    const snippet = keywordSnippet(description, new Set(['dental'])) ?? '';
    expect(snippet.endsWith('dental student.')).toBe(true);
    expect(snippet.startsWith('…')).toBe(true);
    expect(words(snippet.slice(1)).length).toBe(SNIPPET_MAX_WORDS);
  });

  it('returns null when no word matches', () => {
    expect(keywordSnippet(FILLER, new Set(['nurs']))).toBeNull();
    expect(keywordSnippet('', new Set(['nurs']))).toBeNull();
  });

  it('leaves words with digits unstemmed', () => {
    expect(keywordSnippet('Open to the class of 2023 only.', new Set(['2023']))).toBe(
      'Open to the class of 2023 only.',
    );
    expect(keywordSnippet('For web3 builders.', new Set(['web3']))).toBe('For web3 builders.');
  });

  it('splits words at an apostrophe', () => {
    expect(keywordSnippet("The O'Brien Family Award.", new Set(['brien']))).toBe(
      "The O'Brien Family Award.",
    );
  });

  it('leaves over-long words unstemmed', () => {
    const long = `${'a'.repeat(MAX_STEMMED_LENGTH)}s`;
    expect(keywordSnippet(`For ${long}.`, new Set([long]))).toBe(`For ${long}.`);
  });

  it('keeps dotted words whole', () => {
    const description = `${FILLER.repeat(6)} A GPA of 3.5 and a Ph.D. plan in the U.S. are required.`;
    expect(keywordSnippet(description, new Set(['3.5']))).toContain('GPA of 3.5');
    expect(keywordSnippet(description, new Set(['ph.d']))).toContain('Ph.D. plan');
    expect(keywordSnippet(description, new Set(['u.s']))).toContain('in the U.S. are');
    expect(keywordSnippet('See homeinsurance.com now.', new Set(['homeinsurance.com']))).toBe(
      'See homeinsurance.com now.',
    );
  });

  it('cuts a passage only between spaces', () => {
    const description = `${FILLER.repeat(6)} Kohl's has been widely recognized for 17,500 awards in the U.S. ${FILLER.repeat(6)}`;
    const snippet = keywordSnippet(description, new Set(['recogn'])) ?? '';
    // The passage would start at the "s" of "Kohl's".
    expect(snippet.startsWith("…Kohl's has been widely recognized")).toBe(true);
    const lastToken = snippet.slice(0, -1).split(' ').at(-1);
    expect(description.split(/\s+/)).toContain(lastToken);
  });

  it('matches a possessive by the stem of its word', () => {
    expect(keywordSnippet("For a veteran's child.", new Set(['veteran']))).toBe(
      "For a veteran's child.",
    );
    expect(keywordSnippet('For a veteran’s child.', new Set(['veteran']))).toBe(
      'For a veteran’s child.',
    );
  });
});
