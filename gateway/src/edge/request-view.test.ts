import { hasRequestBody } from './request-view';

function withHeaders(headers: Record<string, string>) {
  return { headers };
}

describe('hasRequestBody', () => {
  it('counts chunked and non-zero lengths as bodies', () => {
    expect(hasRequestBody(withHeaders({ 'transfer-encoding': 'chunked' }))).toBe(true);
    expect(hasRequestBody(withHeaders({ 'content-length': '12' }))).toBe(true);
    expect(hasRequestBody(withHeaders({ 'content-length': '010' }))).toBe(true);
  });

  it('counts zero lengths in any spelling as no body', () => {
    expect(hasRequestBody(withHeaders({}))).toBe(false);
    expect(hasRequestBody(withHeaders({ 'content-length': '0' }))).toBe(false);
    expect(hasRequestBody(withHeaders({ 'content-length': '00' }))).toBe(false);
  });
});
