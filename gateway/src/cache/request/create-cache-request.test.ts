import type { IncomingMessage } from 'node:http';
import { createCacheRequest } from './create-cache-request';

function message(url: string, headers: Record<string, string | string[]>): IncomingMessage {
  return { method: 'get', url, headers } as unknown as IncomingMessage;
}

describe('cache requests from Node requests', () => {
  it('splits path and query', () => {
    const request = createCacheRequest(message('/api/v1/search?q=law&state=TX', {}));
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/api/v1/search');
    expect(request.query).toBe('q=law&state=TX');
  });

  it('keeps an empty query empty', () => {
    expect(createCacheRequest(message('/api/v1/search', {})).query).toBe('');
  });

  it('drops connection, forwarding and identity headers', () => {
    const request = createCacheRequest(
      message('/', {
        host: 'gateway',
        connection: 'keep-alive, x-hop',
        'x-hop': '1',
        'keep-alive': 'timeout=5',
        'x-forwarded-host': 'evil.example',
        'x-original-url': '/admin',
        'x-forwarded-scheme': 'http',
        'x-http-method-override': 'DELETE',
        'x-internal-user-id': 'mallory',
        'x-internal-user-roles': 'admin',
        accept: 'application/json',
      }),
    );
    expect(request.headers).toEqual({ accept: 'application/json' });
  });

  it('joins repeated header lines', () => {
    const request = createCacheRequest(message('/', { 'x-list': ['a', 'b'] }));
    expect(request.headers['x-list']).toBe('a, b');
  });
});
