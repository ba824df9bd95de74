import type { Logger } from '@scholarships/logger';
import type { Redis } from 'ioredis';
import { withDeadline } from '../redis/deadline';
import { decodeHash, encodeChange } from './switch-hash';
import { SwitchHolder } from './switch-holder';
import { applyChange, type RolloutSwitches, type SwitchChange } from './switch-state';
import type { Propagation, SwitchStore } from './switch-store';

/** Names of the shared hash and of the channel that announces changes to it. */
export interface RolloutKeyspace {
  hashKey: string;
  channel: string;
}

export const DEFAULT_ROLLOUT_KEYSPACE: RolloutKeyspace = {
  hashKey: 'gateway:rollout',
  channel: 'gateway:rollout:changed',
};

/**
 * Time between two reads of the shared hash, in milliseconds. A replica whose subscription lost a
 * message still follows a change within this time plus one Redis round trip, under 1 s.
 */
export const SYNC_INTERVAL_MS = 500;

/** How long the first read waits for the command connection, in milliseconds. */
const FIRST_READ_WAIT_MS = 1000;

/**
 * Deadline of each read or write of the hash, in milliseconds. The shared connection's own
 * timeout is a backstop of seconds, and a frozen Redis must not hold an admin request that long.
 */
const SWITCH_COMMAND_TIMEOUT_MS = 250;

export interface RedisSwitchStoreOptions {
  /** Command connection; a duplicate of it subscribes to the channel. */
  redis: Redis;
  /** Values of this replica's environment, for fields the hash does not set. */
  defaults: RolloutSwitches;
  logger: Logger;
  keyspace?: RolloutKeyspace;
  syncIntervalMs?: number;
}

/**
 * Switches shared by every replica through one Redis hash. A write sets the hash fields and
 * publishes on the channel in one transaction. Each replica re-reads the hash when the message
 * arrives, and every `syncIntervalMs` in case a message was lost. A change that Redis did not
 * take holds on this replica and is written again on each sync until Redis takes it, so the
 * hash never undoes it. The switches last as long as Redis keeps its data: after a restart that
 * lost fields this replica had read, it logs them, and the environment's values apply to them.
 * Writing them back from a replica's memory could undo a newer change or a deliberate reset.
 */
export function createRedisSwitchStore(options: RedisSwitchStoreOptions): SwitchStore {
  const store = new RedisSwitchStore(options);
  store.start();
  return store;
}

class RedisSwitchStore implements SwitchStore {
  readonly scope = 'shared';
  private readonly holder: SwitchHolder;
  private readonly keyspace: RolloutKeyspace;
  private readonly subscriber: Redis;
  /** Changes made here that Redis has not taken yet; they win over the hash until it does. */
  private pending: SwitchChange = {};
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  private redisFailing = false;
  private firstSync: Promise<void> | undefined;
  private lastInvalid = '';
  /** The hash as last read, to name the fields a Redis restart lost. */
  private lastShared: Record<string, string> = {};
  /** The run id of the Redis last read from; Redis draws a new one at every start. */
  private lastRunId: string | undefined;
  /** Set when the command connection is ready again, so the next sync checks the run id. */
  private reconnected = true;
  private readonly onReady = () => {
    this.reconnected = true;
  };
  private closed = false;

  constructor(private readonly options: RedisSwitchStoreOptions) {
    this.holder = new SwitchHolder(options.defaults);
    this.keyspace = options.keyspace ?? DEFAULT_ROLLOUT_KEYSPACE;
    // A subscriber waits for its connection instead of failing fast like the command client.
    this.subscriber = options.redis.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      commandTimeout: undefined,
      enableAutoPipelining: false,
    });
    // A duplicate has no listener of its own, and without one ioredis prints every failed
    // reconnect with a stack trace. The periodic read logs the switch to the fallback once.
    this.subscriber.on('error', (error: Error) => {
      this.options.logger.debug({ err: error }, 'rollout switch subscriber connection error');
    });
  }

  start(): void {
    this.options.redis.on('ready', this.onReady);
    this.subscriber.on('message', () => this.requestSync());
    this.subscriber.subscribe(this.keyspace.channel).catch((error: unknown) => {
      this.options.logger.warn(
        { err: error, channel: this.keyspace.channel },
        'rollout switch subscription failed; changes arrive by the periodic read only',
      );
    });
    this.timer = setInterval(
      () => this.requestSync(),
      this.options.syncIntervalMs ?? SYNC_INTERVAL_MS,
    );
    this.timer.unref();
    this.firstSync = whenConnected(this.options.redis, FIRST_READ_WAIT_MS).then(() =>
      this.requestSync(),
    );
  }

  current(): RolloutSwitches {
    return this.holder.current();
  }

  async update(change: SwitchChange): Promise<Propagation> {
    this.holder.replace(applyChange(this.holder.current(), change));
    this.pending = { ...this.pending, ...change };
    try {
      await this.writePending();
      return 'shared';
    } catch (error) {
      this.options.logger.warn(
        { err: error, change },
        'rollout switch change not written to Redis; it holds on this replica and is retried',
      );
      return 'pending';
    }
  }

  onChange(listener: (switches: RolloutSwitches) => void): void {
    this.holder.onChange(listener);
  }

  ready(): Promise<void> {
    return this.firstSync ?? Promise.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.options.redis.off('ready', this.onReady);
    await this.syncing;
    this.subscriber.disconnect();
  }

  /** Starts a sync, or marks the running one to repeat, so no message is merged away. */
  private requestSync(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.syncing !== undefined) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = this.syncLoop().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async syncLoop(): Promise<void> {
    do {
      this.syncAgain = false;
      await this.syncOnce();
    } while (this.syncAgain && !this.closed);
  }

  private async syncOnce(): Promise<void> {
    try {
      if (Object.keys(this.pending).length > 0) await this.writePending();
      const hash = await withDeadline(
        this.options.redis.hgetall(this.keyspace.hashKey),
        SWITCH_COMMAND_TIMEOUT_MS,
      );
      if (this.reconnected) {
        this.reconnected = false;
        await this.noteRestart(hash);
      }
      this.lastShared = hash;
      this.apply(hash);
      this.noteRedisResult(undefined);
    } catch (error) {
      this.noteRedisResult(error);
    }
  }

  /**
   * Reads the run id after a reconnection and, when Redis restarted and lost fields that this
   * replica had read, logs them. A failed read (a server without `INFO`) skips the check.
   */
  private async noteRestart(hash: Record<string, string>): Promise<void> {
    let runId: string | undefined;
    try {
      const info = await withDeadline(this.options.redis.info('server'), SWITCH_COMMAND_TIMEOUT_MS);
      runId = /^run_id:(\w+)/m.exec(info)?.[1];
    } catch (error) {
      this.options.logger.debug(
        { err: error, hashKey: this.keyspace.hashKey },
        'Redis INFO failed; the restart check of the rollout switches is skipped',
      );
      return;
    }
    const restarted = this.lastRunId !== undefined && runId !== this.lastRunId;
    this.lastRunId = runId;
    if (!restarted) return;
    const lost = Object.fromEntries(
      Object.entries(this.lastShared).filter(([field]) => !(field in hash)),
    );
    if (Object.keys(lost).length === 0) return;
    this.options.logger.warn(
      { hashKey: this.keyspace.hashKey, lost },
      'Redis restarted without rollout switches that this replica had read; the environment values apply to them until an admin sets them again',
    );
  }

  private apply(hash: Record<string, string>): void {
    const { change, invalidFields } = decodeHash(hash);
    this.logInvalidFields(invalidFields, hash);
    const shared = applyChange(this.options.defaults, change);
    this.holder.replace(applyChange(shared, this.pending));
  }

  /** Writes the pending change and announces it, then clears only the values it wrote. */
  private async writePending(): Promise<void> {
    const written = this.pending;
    const writing = this.options.redis
      .multi()
      .hset(this.keyspace.hashKey, encodeChange(written))
      .publish(this.keyspace.channel, 'changed')
      .exec();
    const results = await withDeadline(writing, SWITCH_COMMAND_TIMEOUT_MS);
    const failure = results?.find(([error]) => error !== null)?.[0];
    if (failure) throw failure;
    const unwritten = Object.entries(this.pending).filter(
      ([field, value]) => written[field as keyof SwitchChange] !== value,
    );
    this.pending = Object.fromEntries(unwritten) as SwitchChange;
  }

  private noteRedisResult(error: unknown): void {
    if (error === undefined) {
      if (this.redisFailing) this.options.logger.info('rollout switches read from Redis again');
      this.redisFailing = false;
      return;
    }
    if (this.redisFailing) return;
    this.redisFailing = true;
    this.options.logger.warn(
      { err: error, hashKey: this.keyspace.hashKey },
      'rollout switches could not be read from Redis; this replica keeps its last values',
    );
  }

  private logInvalidFields(fields: readonly string[], hash: Record<string, string>): void {
    const key = fields.map((field) => `${field}=${hash[field]}`).join(',');
    if (key === this.lastInvalid) return;
    this.lastInvalid = key;
    if (fields.length === 0) return;
    this.options.logger.warn(
      {
        hashKey: this.keyspace.hashKey,
        fields: Object.fromEntries(fields.map((f) => [f, hash[f]])),
      },
      'invalid rollout switch values in Redis are ignored; the environment defaults apply',
    );
  }
}

/** Resolves when `redis` is ready, or after `timeoutMs`, whichever comes first. */
function whenConnected(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}
