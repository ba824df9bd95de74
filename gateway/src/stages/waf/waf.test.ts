import { gzipSync } from 'node:zlib';
import { MAX_BATCH_IDS } from '@scholarships/api-contract';
import request from 'supertest';
import {
  type GatewayUnderTest,
  metricValue,
  type StubServices,
  startGateway,
  startStubServices,
} from '../../testing/gateway-stack';
import { sendRequest } from '../../testing/send-request';
import { adminAuthorization } from '../../testing/test-tokens';
import {
  eligibilityCheckView,
  jsonBodyView,
  searchView,
  wafPatternOf,
} from '../../testing/waf-views';
import { WafEngine } from './waf-engine';
import type { PatternRule } from './waf-rule';

const LIMITS = { maxUrlBytes: 2048, maxHeaderBytes: 8192, maxBodyBytes: 102_400 };

describe('WafEngine scoring', () => {
  const weak: PatternRule = {
    id: 'test-weak',
    category: 'sql-injection',
    score: 3,
    description: 'weak',
    targets: ['query'],
    pattern: /weak/i,
  };
  const other: PatternRule = { ...weak, id: 'test-other', pattern: /other/i };
  const engine = new WafEngine({ threshold: 5, limits: LIMITS, rules: [weak, other] });
  const viewOf = searchView;
  const inspect = (query: string) => engine.inspect(viewOf({ rawQuery: query }));

  it('lets one weak signal pass', () => {
    expect(inspect('q=weak%20weak%20weak').kind).toBe('allow');
  });

  it('blocks two signals in one value', () => {
    const verdict = inspect('q=weak+and+other');
    expect(verdict.kind).toBe('block');
  });

  it('does not combine signals far apart in one value', () => {
    const far = `weak${'%20filler'.repeat(60)}other`;
    expect(inspect(`q=${far}`).kind).toBe('allow');
  });

  it('remembers verdicts by target and headers', () => {
    const headerRule: PatternRule = {
      ...weak,
      id: 'test-header',
      score: 5,
      targets: ['header'],
      headers: ['user-agent'],
      pattern: /scanner/i,
    };
    const withHeaders = new WafEngine({ threshold: 5, limits: LIMITS, rules: [headerRule] });
    const envelope = (userAgent: string) =>
      withHeaders.inspectEnvelope(
        viewOf({ rawQuery: 'q=law', headers: { 'user-agent': userAgent } }),
      );

    expect(envelope('browser').kind).toBe('allow');
    expect(envelope('scanner').kind).toBe('block');
    expect(envelope('browser').kind).toBe('allow');
    expect(envelope('scanner').kind).toBe('block');
  });

  it('inspects long headers without remembering them', () => {
    const envelope = (filler: string) =>
      engine.inspectEnvelope(viewOf({ rawQuery: 'q=weak+other', headers: { 'x-filler': filler } }));

    expect(envelope('a'.repeat(5_000)).kind).toBe('block');
    expect(envelope('a'.repeat(5_000)).kind).toBe('block');
    expect(engine.rememberedVerdicts).toBe(0);
  });

  it('does not remember a long path without headers', () => {
    const fresh = new WafEngine({ threshold: 5, limits: LIMITS, rules: [weak, other] });
    const envelope = (path: string) => fresh.inspectEnvelope(viewOf({ path }));

    expect(envelope(`/${'a'.repeat(5_000)}`).kind).toBe('limit');
    expect(fresh.rememberedVerdicts).toBe(0);
    expect(envelope('/api/v1/search').kind).toBe('allow');
    expect(fresh.rememberedVerdicts).toBe(1);
  });

  it('warms up with the default rules and remembers nothing', () => {
    const engine = new WafEngine({ threshold: 5, limits: LIMITS });

    engine.warmUp();

    expect(engine.rememberedVerdicts).toBe(0);
    expect(engine.inspectEnvelope(viewOf({ path: '/api/v1/search' })).kind).toBe('allow');
  });

  it('refuses a global pattern', () => {
    expect(
      () => new WafEngine({ threshold: 5, limits: LIMITS, rules: [{ ...weak, pattern: /x/g }] }),
    ).toThrow(/must not use the g or y flag/);
  });
});

describe('WAF stacked GRANT rule', () => {
  const engine = new WafEngine({ threshold: 5, limits: LIMITS });
  const inspectDescription = (description: string) =>
    engine.inspect(
      jsonBodyView(
        {
          method: 'PATCH',
          path: '/api/v1/admin/scholarships/9ff90e92-6313-419d-b0b0-dc83872ee702',
        },
        'description',
        description,
      ),
    );

  it.each([
    'Tuition is covered; grant recipients must keep a 3.0 GPA.',
    'Awards are renewable; grant amounts vary by need.',
    'Federal aid comes first; Grant funds then cover the rest.',
  ])('passes grant in prose: %s', (description) => {
    expect(inspectDescription(description).kind).toBe('allow');
  });

  it.each([
    "'; GRANT ALL PRIVILEGES ON scholarships TO public--",
    "'; grant all on schema public to guest--",
    '1; GRANT SELECT ON user_interactions TO reporting--',
    "x'; GRANT pg_read_server_files TO app--",
  ])('blocks stacked GRANT: %s', (description) => {
    expect(inspectDescription(description).kind).toBe('block');
  });
});

describe('WAF stacked EXEC rule', () => {
  const stacked = wafPatternOf('sqli-stacked-statement');

  it.each([
    'Students plan; execute the project with a mentor.',
    'Draft early; executive summaries are due in May.',
    'Research; execution of the study is part of the award.',
  ])('passes execute in prose: %s', (text) => {
    expect(stacked.test(text)).toBe(false);
  });

  it.each([
    '1; EXEC sp_executesql @q',
    '1; exec master..xp_cmdshell',
    "1; EXEC('DROP TABLE scholarships')",
    "x; EXECUTE IMMEDIATE 'DROP TABLE t'",
    '1; exec @cmd',
    "1; execute cleanup_job 'all'--",
    '1; EXECUTE stmt(1)',
    '1; exec dbo.purge',
  ])('finds a stacked EXEC: %s', (text) => {
    expect(stacked.test(text)).toBe(true);
  });
});

describe('WAF stacked select and URL attribute', () => {
  const engine = new WafEngine({ threshold: 5, limits: { ...LIMITS, maxUrlBytes: 4096 } });
  const rule = wafPatternOf;

  it.each(['1;select  from users', '1; select\n\tfrom pg_shadow', '1;select * from users'])(
    'finds a stacked select: %j',
    (value) => {
      expect(rule('sqli-stacked-select').test(value)).toBe(true);
    },
  );

  it('blocks columnless stacked select', () => {
    const verdict = engine.inspect(
      searchView({ rawQuery: `q=${encodeURIComponent('1;select  from users--')}` }),
    );

    expect(verdict.kind).toBe('block');
  });

  it('finds a URL attribute after a long tag name', () => {
    const pattern = rule('xss-url-attribute');

    expect(pattern.test(`<${'a'.repeat(250)} src=x>`)).toBe(true);
    expect(pattern.test(`<${'a'.repeat(10)}${' '.repeat(201)}src=x>`)).toBe(false);
  });

  it('scans a body of long tag names quickly', () => {
    const view = eligibilityCheckView(`<${'a'.repeat(99_000)}`);
    const started = performance.now();

    const verdict = engine.inspect(view);

    expect(verdict.kind).toBe('allow');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('WAF rule run time', () => {
  // The gateway's default URL limit, so that a query can be as long as a client may send it.
  const engine = new WafEngine({ threshold: 5, limits: { ...LIMITS, maxUrlBytes: 4096 } });

  it.each([
    // A body close to the 100 KiB limit. A rule that backtracks over a run of dots from every
    // start takes seconds on it, and an anonymous eligibility check may send it.
    ['dots', '.'.repeat(100_000)],
    // A line break is both a shell separator and white space, so a rule that scans the white
    // space after every separator takes seconds on a long run of them.
    ['line breaks', '\r\n'.repeat(25_000)],
  ])('scans a body of %s quickly', (_case, note) => {
    const view = eligibilityCheckView(note);
    const started = performance.now();

    const verdict = engine.inspect(view);

    expect(verdict.kind).toBe('allow');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it.each([
    ';\r\n  ls -la /',
    'x\n\n\tcat /etc/hosts',
    'x|\r\n sleep 5',
    'x;\r\n /tmp/run.sh',
    'x&&\n\n whoami',
  ])('still blocks a command after line breaks: %j', (value) => {
    const verdict = engine.inspect(searchView({ rawQuery: `q=${encodeURIComponent(value)}` }));

    expect(verdict.kind).toBe('block');
  });

  it('scans a query of encoded line breaks quickly', () => {
    // 1,355 encoded line feeds nearly fill the 4096-byte URL limit.
    const started = performance.now();

    const verdict = engine.inspect(searchView({ rawQuery: `q=${'%0A'.repeat(1_355)}` }));

    expect(verdict.kind).toBe('allow');
    expect(performance.now() - started).toBeLessThan(200);
  });

  it.each([
    'x%0D%0ASet-Cookie:%20a=1',
    'x%0A%0A%20%20%0A%20Location:%20/',
    'x%0D%0AHTTP/1.1%20200',
  ])('still blocks a header after line breaks: %s', (query) => {
    const verdict = engine.inspect(searchView({ rawQuery: `q=${query}` }));

    expect(verdict.kind).toBe('block');
  });

  it('still blocks dots before two slashes', () => {
    const verdict = engine.inspect(searchView({ rawQuery: 'q=....%2F%2F....%2F%2Fetc' }));

    expect(verdict.kind).toBe('block');
  });
});

describe('waf stage', () => {
  let services: StubServices;
  let gateway: GatewayUnderTest;

  beforeEach(async () => {
    services = await startStubServices();
    gateway = await startGateway({ services, environment: { WAF_MAX_BODY_BYTES: '2048' } });
  });

  afterEach(async () => {
    await gateway.close();
    await services.close();
  });

  it('blocks an attack with 403 naming the rules', async () => {
    const response = await request(gateway.listening.url).get(
      `/api/v1/search?q=${encodeURIComponent("' UNION SELECT password FROM users--")}`,
    );

    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('REQUEST_BLOCKED');
    expect(response.body.detail).toContain('sqli-union-select');
    expect(response.body.detail).toContain('category sql-injection');
    expect(response.body.errors[0].field).toBe('query.q');
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
    expect(services.stubs.search.requests).toHaveLength(0);
    expect(
      await metricValue(gateway.harness, 'gateway_waf_blocks_total', 'category="sql-injection"'),
    ).toBe(1);
  });

  it.each([
    "O'Brien",
    'select committee',
    'union college',
    'C++ & C#',
    'drop-in tutoring',
    'and/or',
    '奖学金 🎓',
  ])('lets the search %s through', async (term) => {
    const response = await request(gateway.listening.url).get(
      `/api/v1/search?q=${encodeURIComponent(term)}`,
    );

    expect(response.status).toBe(200);
  });

  it('catches double-encoded traversal', async () => {
    const response = await request(gateway.listening.url).get(
      '/api/v1/scholarships/%252e%252e%252f%252e%252e%252fetc%252fpasswd',
    );

    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('path-traversal');
  });

  it('blocks scanner user agents and probe paths', async () => {
    const scanner = await request(gateway.listening.url)
      .get('/api/v1/search?q=law')
      .set('User-Agent', 'sqlmap/1.7.2#stable (https://sqlmap.org)');
    const probe = await request(gateway.listening.url).get('/.env');

    expect(scanner.status).toBe(403);
    expect(probe.status).toBe(403);
    expect(
      await metricValue(gateway.harness, 'gateway_waf_blocks_total', 'category="scanner"'),
    ).toBe(2);
  });

  it('inspects the JSON body', async () => {
    const response = await request(gateway.listening.url)
      .post('/api/v1/eligibility/check')
      .set('Content-Type', 'application/json')
      .send({ gpa: 3.2, essay: '<script>alert(document.cookie)</script>' });

    expect(response.status).toBe(403);
    expect(response.body.errors[0].field).toBe('body.essay');
    expect(services.stubs.eligibility.requests).toHaveLength(0);
  });

  it('rejects a long URL with 414', async () => {
    const response = await request(gateway.listening.url).get(
      `/api/v1/search?q=${'a'.repeat(4100)}`,
    );

    expect(response.status).toBe(414);
    expect(response.body.code).toBe('URI_TOO_LONG');
  });

  it('passes a batch lookup of the most ids', async () => {
    const ids = Array.from(
      { length: MAX_BATCH_IDS },
      (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    );
    const response = await request(gateway.listening.url).get(
      `/api/v1/scholarships?ids=${ids.join(',')}`,
    );

    expect(response.status).toBe(200);
    expect(services.stubs.catalog.requests).toHaveLength(1);
  });

  it('rejects large headers with 431', async () => {
    const response = await request(gateway.listening.url)
      .get('/api/v1/search?q=law')
      .set('Cookie', `session=${'x'.repeat(9000)}`);

    expect(response.status).toBe(431);
    expect(response.body.code).toBe('HEADERS_TOO_LARGE');
  });

  it('rejects a declared large body with 413', async () => {
    const response = await request(gateway.listening.url)
      .post('/api/v1/eligibility/check')
      .set('Content-Type', 'application/json')
      .send({ essay: 'a'.repeat(3000) });

    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rejects a chunked large body with 413', async () => {
    const chunk = `"${'b'.repeat(1000)}",`;
    const response = await sendRequest(gateway.listening.url, {
      method: 'POST',
      path: '/api/v1/eligibility/check',
      headers: { 'content-type': 'application/json' },
      bodyChunks: ['{"essays":[', chunk, chunk, chunk, '"end"]}'],
    });

    expect(response.statusCode).toBe(413);
    expect(response.headers.connection).toBe('close');
    expect(services.stubs.eligibility.requests).toHaveLength(0);
  });

  it('rejects a non-JSON body with 415', async () => {
    const response = await request(gateway.listening.url)
      .post('/api/v1/eligibility/check')
      .set('Content-Type', 'text/plain')
      .send('gpa=3.5');

    expect(response.status).toBe(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(response.body.detail).toBe(
      'Content-Type text/plain is not accepted; send application/json in UTF-8',
    );
    expect(response.headers['accept-patch']).toBeUndefined();
  });

  it('names the merge patch types in a PATCH 415', async () => {
    const response = await request(gateway.listening.url)
      .patch('/api/v1/admin/scholarships/7f0c2a4e-1111-4d2b-9a47-0e5a9d1c0b01')
      .set('Authorization', await adminAuthorization())
      .set('Content-Type', 'text/plain')
      .send('name=New');

    expect(response.status).toBe(415);
    expect(response.body.detail).toBe(
      'Content-Type text/plain is not accepted; send application/merge-patch+json or ' +
        'application/json in UTF-8',
    );
    expect(response.headers['accept-patch']).toBe('application/merge-patch+json, application/json');
    expect(services.stubs.catalog.requests).toHaveLength(0);
  });

  it('rejects a merge patch sent to a PUT with 415', async () => {
    const response = await request(gateway.listening.url)
      .put('/api/v1/admin/scholarships/7f0c2a4e-1111-4d2b-9a47-0e5a9d1c0b01')
      .set('Authorization', await adminAuthorization())
      .set('If-Match', 'W/"7f0c2a4e-1111-4d2b-9a47-0e5a9d1c0b01-1"')
      .set('Content-Type', 'application/merge-patch+json')
      .send('{"name":"New"}');

    expect(response.status).toBe(415);
    expect(response.body.detail).toBe(
      'Content-Type application/merge-patch+json is not accepted; send application/json in UTF-8',
    );
    expect(response.headers['accept-patch']).toBeUndefined();
    expect(services.stubs.catalog.requests).toHaveLength(0);
  });

  it('rejects a body on a GET with 400', async () => {
    const response = await request(gateway.listening.url)
      .get('/api/v1/scholarships/7f0c2a4e-1111-4d2b-9a47-0e5a9d1c0b01')
      .set('Content-Type', 'application/json')
      .send('["00000001","00000002"]');

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('UNEXPECTED_BODY');
    expect(response.body.detail).toBe('A GET request takes no body; send it without one');
    expect(services.stubs.catalog.requests).toHaveLength(0);
  });

  it('rejects a compressed body with 415', async () => {
    const response = await request(gateway.listening.url)
      .post('/api/v1/eligibility/check')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send(gzipSync('{"gpa":3.5}'));

    expect(response.status).toBe(415);
    expect(response.body.detail).toBe(
      'Content-Encoding gzip is not accepted; send the body uncompressed',
    );
    expect(services.stubs.eligibility.requests).toHaveLength(0);
  });

  it('rejects malformed JSON with 400', async () => {
    const response = await request(gateway.listening.url)
      .post('/api/v1/eligibility/check')
      .set('Content-Type', 'application/json')
      .send('{"gpa": 3.5,');

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_JSON');
  });

  it('rejects a TRACE request', async () => {
    const response = await sendRequest(gateway.listening.url, {
      method: 'TRACE',
      path: '/api/v1/search',
    });

    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body).detail).toContain('proto-method');
  });
});
