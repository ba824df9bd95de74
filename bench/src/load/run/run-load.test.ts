import { type ExchangeResult, RequestTimeoutError } from '../client';
import { ManualClock } from '../scheduler/manual-clock';
import type { PlannedRequest, Workload } from '../workload';
import { formatProgress } from './progress';
import { type RequestSender, runLoad } from './run-load';

const MS = 1_000_000n;

const workload: Workload = {
  next: (): PlannedRequest => ({
    route: 'search',
    request: { method: 'GET', path: '/api/v1/search?q=nursing' },
    readBody: false,
    isExpected: (status) => status === 200,
    cacheable: true,
  }),
};

/** A server stand-in whose responses the test releases one by one. */
class HeldSender implements RequestSender {
  readonly pending: {
    resolve: (result: ExchangeResult) => void;
    reject: (error: Error) => void;
  }[] = [];

  send(): Promise<ExchangeResult> {
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  answer(index: number, status: number, cache = 'MISS'): void {
    this.pending[index]?.resolve({ status, headers: { 'x-cache': cache }, body: '' });
  }
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('runLoad', () => {
  it('measures latency from the due time, not from when the answer was awaited', async () => {
    const clock = new ManualClock();
    const sender = new HeldSender();
    const run = runLoad({
      client: sender,
      workload,
      rate: 10,
      durationMs: 300,
      maxInFlight: 10,
      timeoutMs: 100,
      clock,
    });
    clock.advance(250);
    expect(sender.pending).toHaveLength(3);
    // The first request (due at 0) gets its response 250 ms after it was due.
    sender.answer(0, 200, 'HIT');
    sender.answer(1, 200);
    sender.answer(2, 500);
    const recorder = await run;
    expect(recorder.overall.requests).toBe(3);
    expect(recorder.overall.latency.max).toBe(250_000);
    expect(recorder.overall.errors).toBe(1);
    expect(recorder.overall.errorReasons.get('status 500')).toBe(1);
    expect(recorder.overall.cacheHits).toBe(1);
  });

  it('counts requests beyond the in-flight limit as overload errors', async () => {
    const clock = new ManualClock();
    const sender = new HeldSender();
    const run = runLoad({
      client: sender,
      workload,
      rate: 100,
      durationMs: 100,
      maxInFlight: 4,
      timeoutMs: 50,
      clock,
    });
    clock.advance(100);
    expect(sender.pending).toHaveLength(4);
    await jest.advanceTimersByTimeAsync(2000);
    const recorder = await run;
    expect(recorder.overall.requests).toBe(10);
    expect(recorder.overall.errorReasons.get('overload')).toBe(6);
    expect(recorder.overall.latency.count).toBe(0);
  });

  it('records timeouts and network failures by reason', async () => {
    const clock = new ManualClock();
    const sender = new HeldSender();
    const run = runLoad({
      client: sender,
      workload,
      rate: 10,
      durationMs: 200,
      maxInFlight: 10,
      timeoutMs: 100,
      clock,
    });
    clock.advance(200);
    sender.pending[0]?.reject(new RequestTimeoutError(100));
    sender.pending[1]?.reject(new Error('socket hang up'));
    const recorder = await run;
    expect(recorder.overall.errorReasons.get('timeout')).toBe(1);
    expect(recorder.overall.errorReasons.get('network')).toBe(1);
    expect(recorder.finished).toBe(2);
  });

  it('records how late each request was sent', async () => {
    const clock = new ManualClock();
    const sender = new HeldSender();
    const run = runLoad({
      client: sender,
      workload,
      rate: 10,
      durationMs: 300,
      maxInFlight: 10,
      timeoutMs: 100,
      clock,
    });
    clock.stall(250);
    clock.advance(1);
    for (let index = 0; index < 3; index += 1) sender.answer(index, 200);
    const recorder = await run;
    // Due at 100 and 200 ms, both sent at 250 ms.
    expect(recorder.sendLag.max).toBe(Number((150n * MS) / 1000n));
  });
});

describe('formatProgress', () => {
  it('shows the P95 of the responses since the previous line', async () => {
    const clock = new ManualClock();
    const sender = new HeldSender();
    const run = runLoad({
      client: sender,
      workload,
      rate: 10,
      durationMs: 200,
      maxInFlight: 10,
      timeoutMs: 100,
      clock,
    });
    clock.advance(200);
    sender.answer(0, 200);
    sender.answer(1, 200);
    const recorder = await run;
    expect(formatProgress('optimized', recorder, 1000)).toBe(
      '[bench] optimized   1s  sent 2  completed 2  errors 0  p95 200.0 ms',
    );
    expect(formatProgress('optimized', recorder, 2000)).toContain('p95 n/a');
  });
});
