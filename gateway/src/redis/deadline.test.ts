import { Redis } from 'ioredis';
import { COMMAND_TIMEOUT_BACKSTOP_MS, DeadlineExceededError, withDeadline } from './deadline';

const REDIS_URL = process.env.TEST_REDIS_URL ?? '';

/** Keeps this process busy, as when a saturated machine does not schedule it. */
function blockFor(milliseconds: number): void {
  const end = Date.now() + milliseconds;
  while (Date.now() < end) {
    // busy
  }
}

describe('withDeadline', () => {
  it('rejects a missing reply', async () => {
    const never = new Promise<string>(() => {});
    await expect(withDeadline(never, 20)).rejects.toBeInstanceOf(DeadlineExceededError);
  });

  it('passes replies and failures through', async () => {
    await expect(withDeadline(Promise.resolve('OK'), 20)).resolves.toBe('OK');
    await expect(withDeadline(Promise.reject(new Error('refused')), 20)).rejects.toThrow('refused');
  });

  describe('with a reply that arrived while the process was not running', () => {
    const clients: Redis[] = [];

    async function connect(commandTimeout: number): Promise<Redis> {
      const redis = new Redis(REDIS_URL, { commandTimeout });
      clients.push(redis);
      // A PING here could itself outlast a 20 ms timeout on a busy machine.
      await new Promise((resolve) => redis.once('ready', resolve));
      return redis;
    }

    afterEach(() => {
      for (const redis of clients.splice(0)) redis.disconnect();
    });

    it('lets a queued reply win', async () => {
      const redis = await connect(COMMAND_TIMEOUT_BACKSTOP_MS);
      const reply = withDeadline(redis.ping(), 20);
      blockFor(100);
      expect(await reply).toBe('PONG');
    });

    it('fails under the plain ioredis timer', async () => {
      const redis = await connect(20);
      const reply = redis.ping().catch((error: unknown) => error);
      blockFor(100);
      expect(await reply).toMatchObject({ message: 'Command timed out' });
    });
  });
});
