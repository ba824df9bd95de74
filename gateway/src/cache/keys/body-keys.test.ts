import { MAX_FIELDS_OF_STUDY } from '@scholarships/api-contract';
import type { CacheRequest } from '../request/cache-request';
import { canonicalJson, canonicalKeyText, MAX_KEYED_DEPTH } from './canonical-json';
import { readJsonObject } from './json-body';
import type { KeyPart } from './key-part';
import { profileKeyText } from './profile-body';

function text(part: KeyPart): string {
  if (!part.ok) throw new Error(`expected key text, got bypass ${part.reason}`);
  return part.text;
}

function post(
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): CacheRequest {
  return {
    method: 'POST',
    path: '/api/v1/eligibility/check',
    query: '',
    headers,
    identity: undefined,
    body: Buffer.from(body),
    requestId: undefined,
  };
}

function profileKey(body: string): string {
  const parsed = readJsonObject(post(body));
  if (!parsed.ok) throw new Error(`body not read: ${parsed.reason}`);
  return text(profileKeyText(parsed.value));
}

describe('canonical JSON', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
  });

  it('keys an overflowing number apart from null', () => {
    const keys = ['{"gpa":null}', '{"gpa":1e309}', '{"gpa":-1e309}'].map((text) =>
      canonicalJson(JSON.parse(text)),
    );

    expect(new Set(keys).size).toBe(3);
  });

  it('keeps a __proto__ member', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1}}');
  });

  it('keys a body nested to the limit', () => {
    const nested = JSON.parse(`${'['.repeat(MAX_KEYED_DEPTH)}1${']'.repeat(MAX_KEYED_DEPTH)}`);
    expect(canonicalKeyText(nested).ok).toBe(true);
  });

  it('bypasses a deeper body without exhausting the stack', () => {
    const depth = 16_000;
    const nested = JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
    expect(canonicalKeyText(nested)).toEqual({ ok: false, reason: 'body-json' });
    expect(profileKeyText({ fieldsOfStudy: nested })).toEqual({ ok: false, reason: 'body-json' });
  });
});

describe('profile body keys', () => {
  it.each([
    ['key order and spacing', '{"gpa":3.5,"state":"TX"}', '{ "state": "TX",  "gpa": 3.5 }'],
    ['equal numbers', '{"gpa":3.5}', '{"gpa":3.50}'],
    ['null fields as absent', '{"gpa":3.5,"gender":null}', '{"gpa":3.5}'],
    [
      'duplicate fields of study',
      '{"fieldsOfStudy":["law","law","arts"]}',
      '{"fieldsOfStudy":["law","arts"]}',
    ],
    ['ethnicity spaces', '{"ethnicities":[" hispanic "]}', '{"ethnicities":["hispanic"]}'],
    ['duplicate keys, last wins', '{"gpa":2,"gpa":3.5}', '{"gpa":3.5}'],
    ['state codes in any case', '{"state":"tx"}', '{"state":"TX"}'],
  ])('treats %s as equal', (_name, left, right) => {
    expect(profileKey(left)).toBe(profileKey(right));
  });

  it.each([
    [
      'field order, which the response echoes',
      '{"fieldsOfStudy":["law","arts"]}',
      '{"fieldsOfStudy":["arts","law"]}',
    ],
    ['enum spaces, which the service rejects', '{"state":" TX"}', '{"state":"TX"}'],
    ['the case of an unknown state', '{"state":"zz"}', '{"state":"ZZ"}'],
    ['unknown null fields, which the service rejects', '{"nickname":null}', '{}'],
    ['a proto member, which the service rejects', '{"__proto__":{"gpa":1}}', '{}'],
  ])('keeps %s apart', (_name, left, right) => {
    expect(profileKey(left)).not.toBe(profileKey(right));
  });

  it('keeps too many ethnicities undeduplicated', () => {
    const many = JSON.stringify({ ethnicities: Array.from({ length: 21 }, () => 'x') });
    expect(profileKey(many)).not.toBe(profileKey('{"ethnicities":["x"]}'));
  });

  it('keeps too many fields of study undeduplicated', () => {
    const fields = Array.from({ length: MAX_FIELDS_OF_STUDY + 1 }, () => 'law');
    const many = JSON.stringify({ fieldsOfStudy: fields });
    expect(profileKey(many)).not.toBe(profileKey('{"fieldsOfStudy":["law"]}'));
  });

  it('dedupes the maximum number of fields of study', () => {
    const fields = Array.from({ length: MAX_FIELDS_OF_STUDY }, () => 'law');
    const maximum = JSON.stringify({ fieldsOfStudy: fields });
    expect(profileKey(maximum)).toBe(profileKey('{"fieldsOfStudy":["law"]}'));
  });
});

describe('JSON body reading', () => {
  it.each([
    ['text/plain', { 'content-type': 'text/plain' }, 'body-media-type'],
    ['no content type', {}, 'body-media-type'],
    ['latin-1', { 'content-type': 'application/json; charset=latin1' }, 'body-media-type'],
    ['gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'body-encoding'],
  ])('bypasses %s bodies', (_name, headers, reason) => {
    expect(readJsonObject(post('{}', headers))).toEqual({ ok: false, reason });
  });

  it.each(['', 'not json', '[1]', 'null', '"text"'])('bypasses body %j', (body) => {
    expect(readJsonObject(post(body))).toEqual({ ok: false, reason: 'body-json' });
  });

  it('bypasses bodies over 100 KiB', () => {
    const body = JSON.stringify({ padding: 'x'.repeat(100 * 1024) });
    expect(readJsonObject(post(body))).toEqual({ ok: false, reason: 'body-size' });
  });

  it('accepts a UTF-8 charset', () => {
    const read = readJsonObject(
      post('{"gpa":3}', { 'content-type': 'Application/JSON; charset=UTF-8' }),
    );
    expect(read).toEqual({ ok: true, value: { gpa: 3 } });
  });
});
