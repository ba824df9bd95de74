import { SCHOLARSHIP_BATCH_QUERY_RULES, scholarshipIdKey } from './catalog-rules';
import { ELIGIBILITY_PAGE_QUERY_RULES } from './eligibility-rules';
import type { KeyPart } from './key-part';
import { normalizeQuery } from './query-rules';
import { SEARCH_QUERY_RULES } from './search-rules';

function text(part: KeyPart): string {
  if (!part.ok) throw new Error(`expected key text, got bypass ${part.reason}`);
  return part.text;
}

const search = (query: string) => normalizeQuery(SEARCH_QUERY_RULES, query);

describe('search query keys', () => {
  it.each([
    ['parameter order', 'q=nursing&state=TX', 'state=TX&q=nursing'],
    ['comma or repeated lists', 'state=TX,CA', 'state=CA&state=TX'],
    ['list case and spaces', 'state=tx,%20ca', 'state=CA,TX'],
    ['duplicate list items', 'state=TX,TX,CA', 'state=CA,TX'],
    ['empty list items', 'state=TX,,CA,', 'state=CA,TX'],
    ['empty list as absent', 'q=law&state=', 'q=law'],
    ['empty single as absent', 'q=law&basis=', 'q=law'],
    ['blank keyword as absent', 'q=%20%20', ''],
    ['trimmed keyword', 'q=%20law%20', 'q=law'],
    ['plus as space', 'q=civil+law', 'q=civil%20law'],
    ['encoded names', '%71=law', 'q=law'],
    ['default limit', 'q=law', 'q=law&limit=20'],
    ['leading zeros', 'q=law&limit=020', 'q=law&limit=20'],
    ['equal award bounds', 'award_min=500.0', 'award_min=500'],
    ['enum case', 'q=law&sort=RELEVANCE', 'q=law&sort=relevance'],
    ['default sort with keyword', 'q=law', 'q=law&sort=relevance'],
    ['default sort without keyword', 'state=TX', 'state=TX&sort=deadline'],
    ['facets case and spaces', 'q=law&facets=%20TRUE', 'q=law&facets=true'],
  ])('treats %s as equal', (_name, left, right) => {
    expect(text(search(left))).toBe(text(search(right)));
  });

  it.each([
    ['different keywords', 'q=law', 'q=nursing'],
    ['different states', 'state=TX', 'state=CA'],
    ['keyword case', 'q=Law', 'q=law'],
    ['blank award and absent award', 'award_min=%20', ''],
    ['different cursors', 'cursor=abc', 'cursor=abd'],
    ['cursor spaces', 'cursor=%20abc', 'cursor=abc'],
    ['facets and none', 'q=law&facets=true', 'q=law'],
  ])('keeps %s apart', (_name, left, right) => {
    expect(text(search(left))).not.toBe(text(search(right)));
  });

  it.each(['utm_source=mail', 'cb=123', 'q=law&Q=law', 'state=TX&foo='])(
    'bypasses unknown parameters in %s',
    (query) => {
      expect(search(query)).toEqual({ ok: false, reason: 'unknown-parameter' });
    },
  );

  it.each(['q=law&q=nursing', 'limit=5&limit=5', 'q=&q='])(
    'bypasses repeated single %s',
    (query) => {
      expect(search(query)).toEqual({ ok: false, reason: 'repeated-parameter' });
    },
  );

  it('serializes in canonical order', () => {
    expect(text(search('state=ny,tx&q=law&grade_level=UNDERGRADUATE'))).toBe(
      'grade_level=undergraduate&limit=20&q=law&sort=relevance&state=NY%2CTX',
    );
  });
});

describe('scholarship batch keys', () => {
  const batch = (query: string) => normalizeQuery(SCHOLARSHIP_BATCH_QUERY_RULES, query);

  it('keeps id order', () => {
    expect(text(batch('ids=a,b'))).not.toBe(text(batch('ids=b,a')));
  });

  it('drops duplicate ids', () => {
    expect(text(batch('ids=a,b,a'))).toBe(text(batch('ids=a,b')));
  });

  it('trims ids', () => {
    expect(text(batch('ids=%20a,b%20'))).toBe(text(batch('ids=a,b')));
  });

  it('folds id case as the catalog does', () => {
    expect(text(batch('ids=A'))).toBe(text(batch('ids=a')));
    expect(text(batch('ids=A,b,a'))).toBe(text(batch('ids=a,b')));
  });

  it('bypasses repeated ids', () => {
    expect(batch('ids=a&ids=b')).toEqual({ ok: false, reason: 'repeated-parameter' });
  });

  it('bypasses unknown parameters', () => {
    expect(batch('ids=a&fields=name')).toEqual({ ok: false, reason: 'unknown-parameter' });
  });
});

describe('eligibility page keys', () => {
  const page = (query: string) => normalizeQuery(ELIGIBILITY_PAGE_QUERY_RULES, query);

  it('fills defaults', () => {
    expect(text(page(''))).toBe(text(page('limit=50&offset=0')));
  });

  it('keeps an empty value', () => {
    expect(text(page('limit='))).not.toBe(text(page('')));
  });

  it('does not trim', () => {
    expect(text(page('limit=%2010'))).not.toBe(text(page('limit=10')));
  });
});

describe('opaque query keys', () => {
  const opaque = (query: string) => normalizeQuery({ mode: 'opaque' }, query);

  it('sorts names', () => {
    expect(text(opaque('b=1&a=2'))).toBe(text(opaque('a=2&b=1')));
  });

  it('keeps the order of repeated values', () => {
    expect(text(opaque('a=1&a=2'))).not.toBe(text(opaque('a=2&a=1')));
  });

  it('keeps empty values', () => {
    expect(text(opaque('a='))).not.toBe(text(opaque('')));
  });
});

describe('scholarship id keys', () => {
  const id = '7f0c2a4e-1111-4d2b-9a47-0e5a9d1c0b01';

  it('folds UUID case', () => {
    expect(scholarshipIdKey(id.toUpperCase())).toEqual({ ok: true, text: id });
  });

  it('decodes the segment', () => {
    expect(scholarshipIdKey(id.replace('-', '%2D'))).toEqual({ ok: true, text: id });
  });

  it('keeps non-UUID ids as sent', () => {
    expect(scholarshipIdKey('ABC')).toEqual({ ok: true, text: 'ABC' });
  });

  it('bypasses invalid percent-encoding', () => {
    expect(scholarshipIdKey('%E0%A4%A')).toEqual({ ok: false, reason: 'invalid-path' });
  });
});

describe('remembered query keys', () => {
  it('keeps one rule set apart from another', () => {
    const query = 'state=TX&limit=5';
    expect(text(search(query))).toBe('limit=5&sort=deadline&state=TX');
    expect(normalizeQuery(ELIGIBILITY_PAGE_QUERY_RULES, query)).toEqual({
      ok: false,
      reason: 'unknown-parameter',
    });
    expect(text(search(query))).toBe('limit=5&sort=deadline&state=TX');
  });

  it('builds long query strings each time', () => {
    const keyword = 'a'.repeat(600);
    expect(text(search(`q=${keyword}`))).toBe(`limit=20&q=${keyword}&sort=relevance`);
    expect(search(`q=${keyword}`)).not.toBe(search(`q=${keyword}`));
    expect(search('q=law')).toBe(search('q=law'));
  });
});
