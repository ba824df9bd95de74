import { profileBody } from './profile-body';
import { scholarshipDocumentSchema, scholarshipPatchSchema } from './scholarship-document';
import { searchQuerySchema } from './search-query';
import { suggestQuerySchema } from './suggest-query';

/** Returns the messages of a failed parse by dotted path, or an empty object when it passed. */
function issuesOf(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  const byPath: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) byPath[issue.path.join('.')] = issue.message;
  return byPath;
}

const UNPAIRED = 'must be well-formed Unicode: it contains an unpaired surrogate such as \\ud800';
const CONTROL = 'must not contain control characters';

describe('text fields of request bodies', () => {
  it('rejects unpaired surrogates in profiles', () => {
    const high = issuesOf(profileBody.safeParse({ ethnicities: ['\ud800'] }));
    const low = issuesOf(profileBody.safeParse({ ethnicities: ['hispanic \udc00'] }));

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

    expect(issuesOf(patch)).toEqual({
      name: CONTROL,
      provider: CONTROL,
      url: CONTROL,
      'award.text': CONTROL,
      'eligibility.ethnicities.0': CONTROL,
    });
  });

  it('rejects control characters in keywords', () => {
    const search = issuesOf(searchQuerySchema.safeParse({ q: 'nursing\u0000' }));
    const suggest = issuesOf(suggestQuerySchema.safeParse({ q: 'nur\u001bsing' }));

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

    expect(issuesOf(document)).toEqual({
      name: UNPAIRED,
      description: 'must not contain control characters other than line breaks and tabs',
      'eligibility.notes': UNPAIRED,
    });
  });
});
