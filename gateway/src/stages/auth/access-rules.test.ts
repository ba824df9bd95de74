import { normalizePath, requiredAccess } from './access-rules';

describe('requiredAccess', () => {
  it.each([
    ['/api/v1/search', 'public'],
    ['/api/v1/scholarships/1', 'public'],
    ['/api/v1/eligibility/check', 'public'],
    ['/api/v1/me/profile', 'user'],
    ['/api/v1/me', 'user'],
    ['/api/v1/admin/scholarships/1', 'admin'],
    ['/api/v1//me/profile', 'user'],
    ['/api/v1/search/../me/profile', 'user'],
    ['/api/v1/%6De/profile', 'user'],
    ['/api/v1/./admin/x', 'admin'],
    ['/api/v1\\me\\profile', 'user'],
    ['/api/v1/meeting', 'public'],
    ['/api/v1/me/saved/x%2F..%2F..%2F..%2Fsearch', 'user'],
    ['/api/v1/admin/scholarships/x%2F..%2F..%2F..%2F..%2Fsearch', 'admin'],
    ['/api/v1/me/saved/%2e%2e/%2e%2e/%2e%2e/search', 'user'],
  ])('requires %s to be %s', (path, access) => {
    expect(requiredAccess(path)).toBe(access);
  });
});

describe('normalizePath', () => {
  it('leaves a plain path as it is', () => {
    expect(normalizePath('/api/v1/me/saved/abc')).toBe('/api/v1/me/saved/abc');
  });
});
