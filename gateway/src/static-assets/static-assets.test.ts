import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@scholarships/config';
import { createLogger } from '@scholarships/logger';
import express from 'express';
import request from 'supertest';
import { loadGatewayConfig } from '../config';
import {
  type GatewayUnderTest,
  type StubServices,
  startGateway,
  startStubServices,
} from '../testing/gateway-stack';
import { type ListeningApp, listenApp } from '../testing/listen-app';
import { API_BASE_URL_PLACEHOLDER, createStaticAssetRoutes } from '.';

const SECRET = 'secret-outside-the-assets-folder';
const SCRIPT = 'console.log("app");';
const ENTRY = `<!doctype html><html><head>${API_BASE_URL_PLACEHOLDER}</head><body></body></html>`;

/** Paths that try to reach a file outside `assets/`, sent without normalization. */
const TRAVERSAL_PATHS = [
  '/assets/../secret.txt',
  '/assets/../../secret.txt',
  '/assets/..%2fsecret.txt',
  '/assets/..%2f..%2fsecret.txt',
  '/assets/%2e%2e%2fsecret.txt',
  '/assets/%2e%2e/secret.txt',
  '/assets/..%5csecret.txt',
  '/assets/.hidden',
  '/assets/%2ehidden',
  '/assets/nested%2finner.txt',
  '/assets/main-5XKJ3QZ2.js%00.txt',
  '/secret.txt',
  '/..%2fsecret.txt',
];

/** Writes a small web build, plus a file beside it that must never be served. */
function writeBuild(root: string): string {
  const directory = path.join(root, 'dist');
  mkdirSync(path.join(directory, 'assets', 'nested'), { recursive: true });
  writeFileSync(path.join(root, 'secret.txt'), SECRET);
  writeFileSync(path.join(directory, 'secret.txt'), SECRET);
  writeFileSync(path.join(directory, 'index.html'), ENTRY);
  writeFileSync(path.join(directory, 'assets', 'main-5XKJ3QZ2.js'), SCRIPT);
  writeFileSync(path.join(directory, 'assets', 'main-AB12CD34.css'), 'body { margin: 0; }');
  writeFileSync(path.join(directory, 'assets', 'robots.txt'), 'User-agent: *');
  writeFileSync(path.join(directory, 'assets', '.hidden'), SECRET);
  writeFileSync(path.join(directory, 'assets', 'nested', 'inner.txt'), SECRET);
  return directory;
}

/** Sends the path exactly as given, without the dot-segment removal `new URL` would apply. */
function sendRawPath(origin: string, rawPath: string) {
  const { hostname, port } = new URL(origin);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const outgoing = httpRequest({ host: hostname, port, path: rawPath, agent: false });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
    });
    outgoing.end();
  });
}

describe('static assets', () => {
  let root: string;
  let directory: string;
  let services: StubServices;
  let gateway: GatewayUnderTest;

  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'static-assets-'));
    directory = writeBuild(root);
    services = await startStubServices();
    gateway = await startGateway({
      services,
      environment: {
        WEB_ASSETS_DIR: directory,
        WEB_API_BASE_URL: 'https://api.example.org',
      },
    });
  });

  afterEach(async () => {
    await gateway.close();
    await services.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the entry page with the API base URL filled in', async () => {
    const response = await request(gateway.listening.url).get('/');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers.etag).toMatch(/^"[\w-]{22}"$/);
    expect(response.text).toContain(
      '<meta name="scholarships-api-base-url" content="https://api.example.org">',
    );
    expect(response.headers['content-security-policy']).toContain(
      "connect-src 'self' https://api.example.org",
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('serves the entry page as /index.html too', async () => {
    const response = await request(gateway.listening.url).get('/index.html');

    expect(response.status).toBe(200);
    expect(response.text).toContain('https://api.example.org');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers a matching If-None-Match with 304', async () => {
    const first = await request(gateway.listening.url).get('/');
    const etag = String(first.headers.etag);

    const second = await request(gateway.listening.url).get('/').set('If-None-Match', etag);
    const weak = await request(gateway.listening.url).get('/').set('If-None-Match', `W/${etag}`);
    const other = await request(gateway.listening.url).get('/').set('If-None-Match', '"other"');

    expect(second.status).toBe(304);
    expect(second.text).toBe('');
    expect(second.headers.etag).toBe(etag);
    expect(second.headers['cache-control']).toBe('no-cache');
    expect(weak.status).toBe(304);
    expect(other.status).toBe(200);
  });

  it('changes the entry ETag after a rebuild', async () => {
    const before = await request(gateway.listening.url).get('/');
    writeFileSync(path.join(directory, 'index.html'), `${ENTRY}<!-- rebuilt, longer -->`);

    const after = await request(gateway.listening.url)
      .get('/')
      .set('If-None-Match', String(before.headers.etag));

    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.text).toContain('rebuilt');
  });

  it('marks hashed files immutable for a year', async () => {
    const script = await request(gateway.listening.url).get('/assets/main-5XKJ3QZ2.js');
    const style = await request(gateway.listening.url).get('/assets/main-AB12CD34.css');

    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.text).toBe(SCRIPT);
    expect(style.status).toBe(200);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(style.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates files without a hash', async () => {
    const response = await request(gateway.listening.url).get('/assets/robots.txt');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('sends headers only for HEAD', async () => {
    const response = await request(gateway.listening.url).head('/assets/main-5XKJ3QZ2.js');

    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(SCRIPT)));
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.text).toBeUndefined();
  });

  it.each([
    ['POST', '/'],
    ['PUT', '/assets/main-5XKJ3QZ2.js'],
    ['DELETE', '/index.html'],
  ])('serves nothing for %s %s', async (method, target) => {
    const response = await request(gateway.listening.url)[
      method.toLowerCase() as 'post' | 'put' | 'delete'
    ](target);

    expect(response.status).toBe(404);
    expect(response.text).not.toContain(SCRIPT);
  });

  it.each([
    '/assets/',
    '/assets',
    '/assets/nested',
    '/assets/nested/inner.txt',
    '/assets/missing-5XKJ3QZ2.js',
  ])('lists no folder and serves no other path: %s', async (target) => {
    const response = await request(gateway.listening.url).get(target);

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.text).not.toContain(SECRET);
  });

  it.each(TRAVERSAL_PATHS)('does not leave the assets folder for %s', async (rawPath) => {
    const response = await sendRawPath(gateway.listening.url, rawPath);

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.body).not.toContain(SECRET);
  });

  it('passes API paths on to the proxy', async () => {
    const response = await request(gateway.listening.url).get('/api/v1/search?q=law');

    expect(response.status).toBe(200);
    expect(services.stubs.search.requests).toHaveLength(1);
  });
});

/** Builds the routes alone, without the WAF in front, ending in a 404 with the body `next`. */
function bareApp(directory: string) {
  const app = express();
  const logger = createLogger({ service: 'gateway', level: 'silent' });
  app.use(createStaticAssetRoutes({ directory, apiBaseUrl: undefined, logger }));
  app.use((_req, res) => {
    res.status(404).send('next');
  });
  return app;
}

describe('static asset routes without the WAF', () => {
  let root: string;
  let listening: ListeningApp;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'static-assets-'));
    listening = await listenApp(bareApp(writeBuild(root)));
  });

  afterAll(async () => {
    await listening.close();
    rmSync(root, { recursive: true, force: true });
  });

  it.each(TRAVERSAL_PATHS)('keeps %s inside the assets folder', async (rawPath) => {
    const response = await sendRawPath(listening.url, rawPath);

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.body).not.toContain(SECRET);
  });

  it('serves a file inside the folder', async () => {
    const response = await sendRawPath(listening.url, '/assets/main-5XKJ3QZ2.js');

    expect(response.status).toBe(200);
    expect(response.body).toBe(SCRIPT);
  });
});

describe('static assets without a build', () => {
  it('serves nothing and logs the missing folder once', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      service: 'gateway',
      destination: { write: (line: string) => lines.push(line) },
    });
    const app = express();
    app.use(
      createStaticAssetRoutes({
        directory: path.join(tmpdir(), 'no-such-web-build'),
        apiBaseUrl: undefined,
        logger,
      }),
    );
    app.use((_req, res) => {
      res.status(404).send('next');
    });

    const entry = await request(app).get('/');
    const asset = await request(app).get('/assets/main-5XKJ3QZ2.js');

    expect(entry.text).toBe('next');
    expect(asset.text).toBe('next');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'warn' });
  });
});

describe('static asset configuration', () => {
  it('defaults to the web build of this repository', () => {
    const config = loadGatewayConfig({});

    expect(config.WEB_ASSETS_DIR).toBe(path.resolve(__dirname, '..', '..', '..', 'web', 'dist'));
    expect(config.WEB_API_BASE_URL).toBeUndefined();
  });

  it('rejects an API base URL that is not http or https', () => {
    expect(() => loadGatewayConfig({ WEB_API_BASE_URL: 'ftp://api.example.org' })).toThrow(
      ConfigError,
    );
  });
});
