import { silentLogger } from '../testing/cache-fixture';
import { createTestClock } from '../testing/test-clock';
import {
  CatalogGeneration,
  type GenerationSource,
  MAX_REPLACED_GENERATIONS,
} from './catalog-generation';

/** Creates a generation store in memory whose reads can be made to fail, as with a frozen Redis. */
function memorySource(initial = 0) {
  const state = { value: initial, readsFail: false, calls: [] as string[] };
  const source: GenerationSource = {
    async read() {
      state.calls.push('read');
      if (state.readsFail) throw new Error('read timed out');
      return state.value;
    },
    async increment() {
      state.calls.push('increment');
      state.value += 1;
      return state.value;
    },
  };
  return { state, source };
}

function createGeneration(source: GenerationSource, graceMs = 30_000) {
  const clock = createTestClock();
  const generation = new CatalogGeneration(source, 'boot', silentLogger, clock.now, graceMs);
  return { clock, generation };
}

describe('catalog generation', () => {
  it('offers the replaced value until grace ends', async () => {
    const { source } = memorySource(4);
    const { clock, generation } = createGeneration(source, 1000);
    await generation.refresh();

    generation.accept(5);
    expect((await generation.current()).text).toBe('g5');
    expect(generation.replacedWithinGrace()).toEqual(['g4']);
    clock.advance(999);
    expect(generation.replacedWithinGrace()).toEqual(['g4']);
    clock.advance(1);
    expect(generation.replacedWithinGrace()).toEqual([]);
  });

  it('lists replaced values newest first', async () => {
    const { source } = memorySource(4);
    const { clock, generation } = createGeneration(source, 1000);
    await generation.refresh();

    generation.accept(5);
    clock.advance(400);
    generation.accept(6);
    expect(generation.replacedWithinGrace()).toEqual(['g5', 'g4']);
    clock.advance(600);
    expect(generation.replacedWithinGrace()).toEqual(['g5']);
    for (const next of [7, 8, 9]) generation.accept(next);
    expect(generation.replacedWithinGrace()).toEqual(['g8', 'g7', 'g6', 'g5']);
  });

  it('bounds a burst of replaced generations', async () => {
    const { source } = memorySource(4);
    const { generation } = createGeneration(source, 1000);
    await generation.refresh();

    for (let next = 5; next <= 8; next += 1) generation.accept(next);
    expect(generation.replacedWithinGrace()).toEqual(['g7', 'g6', 'g5', 'g4']);
    for (let next = 9; next <= 30; next += 1) generation.accept(next);
    const replaced = generation.replacedWithinGrace();
    expect(replaced).toHaveLength(MAX_REPLACED_GENERATIONS);
    expect(replaced[0]).toBe('g29');
    expect(replaced.at(-1)).toBe(`g${30 - MAX_REPLACED_GENERATIONS}`);
  });

  it('offers nothing with zero grace', async () => {
    const { source } = memorySource(4);
    const { generation } = createGeneration(source, 0);
    await generation.refresh();
    generation.accept(5);
    expect(generation.replacedWithinGrace()).toEqual([]);
  });

  it('offers nothing after a stand-in or reset', async () => {
    const { state, source } = memorySource(4);
    const { generation } = createGeneration(source);
    state.readsFail = true;
    await generation.refresh();
    generation.accept(5);
    expect(generation.replacedWithinGrace()).toEqual([]);

    state.readsFail = false;
    state.value = 1;
    await generation.refresh(true);
    expect((await generation.current()).text).toBe('g1');
    expect(generation.replacedWithinGrace()).toEqual([]);
  });

  it('settles only between reads', async () => {
    const { source } = memorySource(7);
    const { generation } = createGeneration(source);

    const reading = generation.refresh();
    expect(generation.settled()).toBeUndefined();
    await reading;
    expect(generation.settled()).toEqual({ text: 'g7', shared: true });
  });

  it('accepts an event value without reading', async () => {
    const { state, source } = memorySource(4);
    const { generation } = createGeneration(source);
    await generation.refresh();
    state.readsFail = true;
    state.calls.length = 0;

    generation.accept(6);

    expect(await generation.current()).toEqual({ text: 'g6', shared: true });
    expect(state.calls).toEqual([]);
  });

  it('leaves a reset to reads started after it', async () => {
    const replies: ((value: number) => void)[] = [];
    const source: GenerationSource = {
      read: () => new Promise<number>((resolve) => replies.push(resolve)),
      increment: () => Promise.reject(new Error('not used')),
    };
    const { generation } = createGeneration(source, 1000);
    const first = generation.refresh();
    replies[0]?.(9);
    await first;

    const older = generation.refresh();
    const reset = generation.refresh(true);
    // A read started before the reset returns an older value, then the reset's read returns.
    replies[1]?.(4);
    await older;
    replies[2]?.(6);
    await reset;

    expect((await generation.current()).text).toBe('g6');
    expect(generation.replacedWithinGrace()).toEqual([]);
  });
});
