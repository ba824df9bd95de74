import { parseReplayFile, ReplayWorkload, routeOfRequest } from './replay-workload';

describe('parseReplayFile', () => {
  it('reads one request per line and skips blank lines', () => {
    const entries = parseReplayFile(
      [
        '{"method":"GET","path":"/api/v1/search?q=nursing"}',
        '',
        '{"method":"post","path":"/api/v1/eligibility/check","body":{"gpa":3.5}}',
        '{"method":"PATCH","path":"/api/v1/admin/scholarships/x","body":"{}","auth":"admin"}',
      ].join('\n'),
    );
    expect(entries).toHaveLength(3);
    expect(entries[1]?.method).toBe('POST');
    expect(entries[1]?.body).toBe('{"gpa":3.5}');
    expect(entries[2]?.admin).toBe(true);
  });

  it.each([
    ['{"method":"DELETE","path":"/x"}', 'line 1: method must be one of'],
    ['{"method":"GET","path":"x"}', 'line 1: path must be a string starting with /'],
    ['not json', 'line 1: not valid JSON'],
    ['{"method":"GET","path":"/x","auth":"root"}', 'auth must be "admin"'],
    ['\n\n', 'contains no requests'],
  ])('rejects %j', (text, message) => {
    expect(() => parseReplayFile(text)).toThrow(message);
  });
});

describe('ReplayWorkload', () => {
  it('replays in order, starting again after the last line', () => {
    const workload = new ReplayWorkload(
      parseReplayFile('{"method":"GET","path":"/a"}\n{"method":"GET","path":"/b"}'),
      'token',
    );
    expect([1, 2, 3].map(() => workload.next().request.path)).toEqual(['/a', '/b', '/a']);
  });

  it('adds the admin token where the line asks for it', () => {
    const workload = new ReplayWorkload(
      parseReplayFile('{"method":"PATCH","path":"/api/v1/admin/scholarships/x","auth":"admin"}'),
      'token',
    );
    const planned = workload.next();
    expect(planned.request.headers?.authorization).toBe('Bearer token');
    expect(planned.route).toBe('write');
    expect(planned.cacheable).toBe(false);
  });
});

describe('routeOfRequest', () => {
  it.each([
    ['GET', '/api/v1/search?q=a', 'search'],
    ['GET', '/api/v1/scholarships/123', 'lookup'],
    ['POST', '/api/v1/eligibility/check?limit=5', 'check'],
    ['POST', '/api/v1/eligibility/analysis', 'analysis'],
    ['PATCH', '/api/v1/admin/scholarships/1', 'write'],
    ['GET', '/api/v1/me/profile', 'other'],
  ])('%s %s is %s', (method, path, route) => {
    expect(routeOfRequest(method, path)).toBe(route);
  });
});
