import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { createLogger } from '@scholarships/logger';
import { Counter, createRegistry } from '@scholarships/metrics';
import { installProcessSafetyNet } from './process-safety-net';

interface LogLine {
  level: string;
  msg: string;
  err?: { message: string };
}

function setUp() {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()));
      callback();
    },
  });
  const logger = createLogger({ service: 'safety-net-test', destination });
  const registry = createRegistry({ service: 'safety-net-test', defaultMetrics: false });
  const unhandledRejections = new Counter({
    name: 'test_unhandled_rejections_total',
    help: 'test',
    registers: [registry],
  });
  const target = new EventEmitter();
  const exit = jest.fn();
  const uninstall = installProcessSafetyNet({ logger, unhandledRejections, target, exit });
  return { lines, unhandledRejections, target, exit, uninstall };
}

async function flushLogs(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

describe('installProcessSafetyNet', () => {
  it('logs and counts an unhandled rejection without exiting', async () => {
    const { lines, unhandledRejections, target, exit } = setUp();
    target.emit('unhandledRejection', new Error('pool ping failed'), Promise.resolve());
    await flushLogs();

    expect(exit).not.toHaveBeenCalled();
    expect((await unhandledRejections.get()).values[0]?.value).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('error');
    expect(lines[0]?.err?.message).toBe('pool ping failed');
  });

  it('logs an uncaught exception at fatal level and exits with 1', async () => {
    const { lines, target, exit } = setUp();
    target.emit('uncaughtException', new Error('state corrupt'));
    await flushLogs();

    expect(exit).toHaveBeenCalledWith(1);
    expect(lines[0]?.level).toBe('fatal');
    expect(lines[0]?.err?.message).toBe('state corrupt');
  });

  it('removes both handlers when uninstalled', () => {
    const { target, uninstall } = setUp();
    uninstall();
    expect(target.listenerCount('unhandledRejection')).toBe(0);
    expect(target.listenerCount('uncaughtException')).toBe(0);
  });
});
