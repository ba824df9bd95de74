import { ManualClock } from './manual-clock';
import { startOpenLoop } from './open-loop-scheduler';

const MS = 1_000_000n;

function record(clock: ManualClock, rate: number, durationMs: number) {
  const dispatched: { due: bigint; sentAt: bigint; index: number }[] = [];
  const start = clock.now();
  const loop = startOpenLoop({
    ratePerSecond: rate,
    durationMs,
    clock,
    dispatch: (due, index) =>
      dispatched.push({ due: due - start, sentAt: clock.now() - start, index }),
  });
  return { loop, dispatched };
}

describe('startOpenLoop', () => {
  it('dispatches rate × duration requests at even due times', async () => {
    const clock = new ManualClock();
    const { loop, dispatched } = record(clock, 100, 1000);
    clock.advance(1000);
    expect(await loop.finished).toBe(100);
    expect(dispatched).toHaveLength(100);
    expect(dispatched[0]?.due).toBe(0n);
    expect(dispatched[1]?.due).toBe(10n * MS);
    expect(dispatched[99]?.due).toBe(990n * MS);
  });

  it('sends each request when it is due, not before', () => {
    const clock = new ManualClock();
    const { dispatched } = record(clock, 100, 1000);
    clock.advance(35);
    expect(dispatched.map((request) => request.index)).toEqual([0, 1, 2, 3]);
    for (const request of dispatched) expect(request.sentAt).toBe(request.due);
  });

  it('keeps the original due times of requests overdue after a stall', () => {
    const clock = new ManualClock();
    const { dispatched } = record(clock, 100, 1000);
    clock.advance(5);
    clock.stall(200);
    clock.advance(1);
    const overdue = dispatched.filter((request) => request.sentAt === 205n * MS);
    expect(overdue.map((request) => request.due)).toEqual(
      Array.from({ length: 20 }, (_, i) => BigInt(10 + 10 * i) * MS),
    );
  });

  it('does not wait for earlier requests to finish', () => {
    const clock = new ManualClock();
    const { dispatched } = record(clock, 1000, 100);
    clock.advance(100);
    // No request ever gets a response here, and all 100 were still sent.
    expect(dispatched).toHaveLength(100);
  });

  it('handles rates that do not divide a second evenly', async () => {
    const clock = new ManualClock();
    const { loop, dispatched } = record(clock, 3, 1000);
    clock.advance(1000);
    expect(await loop.finished).toBe(3);
    expect(dispatched.map((request) => request.due)).toEqual([0n, 333_333_333n, 666_666_667n]);
  });

  it('stops early and cancels its timer', async () => {
    const clock = new ManualClock();
    const { loop, dispatched } = record(clock, 100, 1000);
    clock.advance(25);
    loop.stop();
    expect(await loop.finished).toBe(3);
    expect(clock.pendingTimers).toBe(0);
    clock.advance(1000);
    expect(dispatched).toHaveLength(3);
  });
});
