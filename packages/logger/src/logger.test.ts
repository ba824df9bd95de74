import { Writable } from 'node:stream';
import { createLogger, nextTraceparent, parseTraceparent, resolveRequestId } from './index';

function captureLines(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { stream, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with the service and level name', () => {
    const { stream, lines } = captureLines();
    createLogger({ service: 'catalog', destination: stream }).info({ rows: 3 }, 'imported');
    expect(lines[0]).toMatchObject({ service: 'catalog', level: 'info', rows: 3, msg: 'imported' });
  });

  it('redacts authorization headers', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ service: 'gateway', destination: stream });
    logger.info({ headers: { authorization: 'Bearer secret-token' } }, 'request');
    expect(JSON.stringify(lines[0])).not.toContain('secret-token');
  });
});

describe('resolveRequestId', () => {
  it('keeps a well-formed incoming id', () => {
    expect(resolveRequestId('abc-123')).toBe('abc-123');
  });

  it.each([['has space'], ['x'.repeat(129)], ['new\nline'], ['']])(
    'replaces the invalid id %j',
    (incoming) => {
      const id = resolveRequestId(incoming);
      expect(id).not.toBe(incoming);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    },
  );
});

describe('traceparent', () => {
  const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('parses a valid header', () => {
    expect(parseTraceparent(valid)).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentId: '00f067aa0ba902b7',
      flags: '01',
    });
  });

  it('rejects an all-zero trace id', () => {
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBe(
      undefined,
    );
  });

  it('keeps the trace id and changes the span id', () => {
    const next = nextTraceparent(parseTraceparent(valid));
    expect(next.startsWith('00-4bf92f3577b34da6a3ce929d0e0e4736-')).toBe(true);
    expect(next).not.toBe(valid);
  });
});
