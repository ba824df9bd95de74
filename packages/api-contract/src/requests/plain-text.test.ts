import { issuesByPath } from '../testing/issues-by-path';
import { profileBody } from './profile-body';
import { scholarshipDocumentSchema, scholarshipPatchSchema } from './scholarship-document';
import { searchQuerySchema } from './search-query';
import { suggestQuerySchema } from './suggest-query';

const UNPAIRED = 'must be well-formed Unicode: it contains an unpaired surrogate such as \\ud800';
const CONTROL = 'must not contain control characters';

describe('text fields of request bodies', () => {
  it('rejects unpaired surrogates in profiles', () => {
    const high = issuesByPath(profileBody.safeParse({ ethnicities: ['\ud800'] }));
    const low = issuesByPath(profileBody.safeParse({ ethnicities: ['hispanic \udc00'] }));

    expect(high).toEqual({ 'ethnicities.0': UNPAIRED });
    expect(low).toEqual({ 'ethnicities.0': UNPAIRED });
  });

  it('keeps surrogate pairs and accents', () => {
    const parsed = profileBody.safeParse({ ethnicities: ['Latinx 😀', 'Māori'] });

    expect(parsed.success).toBe(true);
  });

  it('rejects control characters in one-line fields', () => {
    const patch = scholarshipPatchSchema.safeParse({
      name: 'a\u0007b',
      provider: 'Fund\u001b[31m',
      award: { text: 'up to $500\nper term' },
      url: 'https://example.org/a\u0000b',
      eligibility: { ethnicities: ['x\u0000'] },
    });

    expect(issuesByPath(patch)).toEqual({
      name: CONTROL,
      provider: CONTROL,
      url: CONTROL,
      'award.text': CONTROL,
      'eligibility.ethnicities.0': CONTROL,
    });
  });

  it('rejects separators, reordering and invisible names', () => {
    const patch = scholarshipPatchSchema.safeParse({
      name: '\u200b',
      provider: 'Fund\u2028Two',
      eligibility: { ethnicities: ['x\u202eb'] },
    });

    expect(issuesByPath(patch)).toEqual({
      name: 'must contain a visible character, not only spaces or invisible ones such as U+200B',
      provider: 'must not contain a line or paragraph separator (U+2028, U+2029)',
      'eligibility.ethnicities.0':
        'must not contain the bidirectional overrides U+202D or U+202E, which reorder text on screen',
    });
  });

  it('keeps right-to-left text, its marks and isolates', () => {
    const parsed = scholarshipPatchSchema.safeParse({
      name: 'منحة \u2067Google\u2069 للطلاب \u200f2026',
      provider: 'קרן',
      description: 'نص \u202bمضمّن\u202c',
    });

    expect(parsed.success).toBe(true);
  });

  it('keeps such characters in keywords', () => {
    expect(searchQuerySchema.safeParse({ q: 'nursing\u202c' }).success).toBe(true);
    expect(searchQuerySchema.safeParse({ q: '\u200b' }).success).toBe(true);
  });

  it('drops soft hyphens from keywords', () => {
    const search = searchQuerySchema.parse({ q: ' schol\u00ADar\u00ADship ' });
    const suggest = suggestQuerySchema.parse({ q: 'nurs\u00ADi' });
    const onlyHyphen = searchQuerySchema.parse({ q: '\u00AD', sort: 'deadline' });

    expect(search.q).toBe('scholarship');
    expect(suggest.q).toBe('nursi');
    expect(onlyHyphen.q).toBeNull();
  });

  it('rejects control characters in keywords', () => {
    const search = issuesByPath(searchQuerySchema.safeParse({ q: 'nursing\u0000' }));
    const suggest = issuesByPath(suggestQuerySchema.safeParse({ q: 'nur\u001bsing' }));

    expect(search).toEqual({ q: CONTROL });
    expect(suggest).toEqual({ q: CONTROL });
  });

  it('keeps line breaks in descriptions', () => {
    const document = scholarshipDocumentSchema.safeParse({
      name: 'Award',
      description: 'First line\r\nSecond\tline',
      eligibility: { notes: 'One\nTwo' },
    });

    expect(document.success).toBe(true);
  });

  it('rejects other controls in descriptions', () => {
    const document = scholarshipDocumentSchema.safeParse({
      name: 'X \ud800 Y',
      description: 'issues:\n\u0001(1) first',
      eligibility: { notes: 'n \udc00' },
    });

    expect(issuesByPath(document)).toEqual({
      name: UNPAIRED,
      description: 'must not contain control characters other than line breaks and tabs',
      'eligibility.notes': UNPAIRED,
    });
  });
});
