import { allowedMethodsLookup } from './allowed-methods';
import { ROUTES } from './index';

describe('allowedMethodsLookup', () => {
  const allowed = allowedMethodsLookup(ROUTES);

  it('adds HEAD to a read route', () => {
    expect(allowed('/api/v1/search')).toEqual(['GET', 'HEAD']);
  });

  it('lists every method of a template', () => {
    expect(allowed('/api/v1/admin/scholarships/0b0b')).toEqual(['PUT', 'PATCH', 'DELETE']);
  });

  it('keeps a write-only route without HEAD', () => {
    expect(allowed('/api/v1/eligibility/check')).toEqual(['POST']);
  });

  it('ignores one trailing slash', () => {
    expect(allowed('/api/v1/search/')).toEqual(['GET', 'HEAD']);
  });

  it('returns nothing for an unknown path', () => {
    expect(allowed('/api/v1/searches')).toEqual([]);
    expect(allowed('/api/v1/scholarships/a/b')).toEqual([]);
  });

  it('needs a value for a parameter segment', () => {
    expect(allowed('/api/v1/me/saved/')).toEqual(['GET', 'HEAD']);
    expect(allowed('/api/v1/me/saved//')).toEqual([]);
  });
});
