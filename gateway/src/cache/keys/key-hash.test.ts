import { hash } from 'node:crypto';
import { hashKeyText } from './key-hash';

function sha256Prefix(text: string): string {
  return hash('sha256', text, 'base64url').slice(0, 32);
}

describe('hashKeyText', () => {
  it('returns the same hash when asked again', () => {
    const texts = ['GET /api/v1/search\nquery:q=law', 'GET /api/v1/search\nquery:q=art'];
    for (let round = 0; round < 3; round += 1) {
      for (const text of texts) expect(hashKeyText(text)).toBe(sha256Prefix(text));
    }
  });

  it('hashes long texts without remembering them wrongly', () => {
    const long = `GET /api/v1/search\nquery:q=${'x'.repeat(400)}`;
    const longer = `${long}y`;
    expect(hashKeyText(long)).toBe(sha256Prefix(long));
    expect(hashKeyText(longer)).toBe(sha256Prefix(longer));
    expect(hashKeyText(long)).toBe(sha256Prefix(long));
  });

  it('stays correct after the remembered hashes are cleared', () => {
    for (let index = 0; index < 10_050; index += 1) {
      const text = `GET /api/v1/scholarships/:id\npath:${index}`;
      expect(hashKeyText(text)).toBe(sha256Prefix(text));
    }
    expect(hashKeyText('GET /api/v1/scholarships/:id\npath:7')).toBe(
      sha256Prefix('GET /api/v1/scholarships/:id\npath:7'),
    );
  });
});
