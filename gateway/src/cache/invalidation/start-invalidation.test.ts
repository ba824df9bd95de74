import { EventEmitter } from 'node:events';
import type { CacheRuntime } from '../runtime';
import { readGenerationAgain } from './start-invalidation';

/** Builds a runtime with only what the generation read uses: the commands and the generation. */
function fakeRuntime(status: string) {
  const commands = Object.assign(new EventEmitter(), { status });
  const refresh = jest.fn(async (_reset?: boolean) => undefined);
  const runtime = { redis: { commands }, generation: { refresh } } as unknown as CacheRuntime;
  return { runtime, commands, refresh };
}

describe('reading the generation after a gap', () => {
  it('reads at once when commands are ready', () => {
    const { runtime, refresh } = fakeRuntime('ready');

    readGenerationAgain(runtime);

    expect(refresh).toHaveBeenCalledWith(true);
  });

  it('waits for the command connection', () => {
    const { runtime, commands, refresh } = fakeRuntime('connecting');

    readGenerationAgain(runtime);
    readGenerationAgain(runtime);
    expect(refresh).not.toHaveBeenCalled();

    commands.status = 'ready';
    commands.emit('ready');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith(true);
    expect(commands.listenerCount('ready')).toBe(0);
  });
});
