import type { Logger } from '@scholarships/logger';
import type { Clock } from '../clock';

/** Pause between background reads while a local stand-in is in use, in milliseconds. */
const RETRY_INTERVAL_MS = 1000;

/** Reads and increments the shared catalog generation (Redis `CATALOG_GENERATION_KEY`). */
export interface GenerationSource {
  read(): Promise<number>;
  increment(): Promise<number>;
}

/** The generation to put in keys. `shared` is false for a replica-local stand-in. */
export interface GenerationValue {
  text: string;
  shared: boolean;
}

/**
 * Maximum number of replaced generations remembered, newest first. Writes arrive in bursts: at
 * 1,000 requests/s the load test sent four within four seconds. With three remembered, the fourth
 * dropped the generation that most entries were stored under, so every listing missed at once.
 * Sixteen covers such bursts within the grace, and a miss then hashes up to sixteen keys.
 */
export const MAX_REPLACED_GENERATIONS = 16;

/** A shared generation that a catalog write replaced, and until when its entries may stand in. */
interface ReplacedGeneration {
  text: string;
  graceEndsAt: number;
}

/**
 * This replica's view of the catalog generation. With Redis, it is read from Redis at start, on
 * every scholarship event and after every reconnect. Until a read succeeds, and whenever one
 * fails, a replica-local value is used instead. Keys built with it never match entries of another
 * generation, and their entries stay in memory only. While a stand-in is in use with Redis
 * configured, a background read is tried at most once a second, so the shared value returns once
 * Redis does. Without Redis, the local value alone moves, on writes through this gateway.
 */
export class CatalogGeneration {
  private value: GenerationValue;
  private localCounter = 0;
  /** Highest shared value seen since the last reconnect; reads never move below it. */
  private sharedFloor = -1;
  private pending: Promise<void> | undefined;
  /** Reads and increments started so far, numbered from 1. */
  private readsStarted = 0;
  /**
   * Number of the read that a reconnect's reset request started, while no read has taken the
   * reset. That read, or any started after it, takes the reset. A slower one started earlier
   * cannot.
   */
  private resetFromRead: number | undefined;
  private retrying = false;
  private lastRetryAt = Number.NEGATIVE_INFINITY;
  /** Newest first. */
  private replaced: ReplacedGeneration[] = [];

  /** `graceMs`: how long entries of a replaced generation may stand in after it moves on. */
  constructor(
    private readonly source: GenerationSource | undefined,
    private readonly bootId: string,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly graceMs = 0,
  ) {
    this.value = this.nextLocal();
  }

  /** Returns the value for a key, once any read started by an event has finished. */
  async current(): Promise<GenerationValue> {
    if (this.pending !== undefined) await this.pending;
    return this.valueForKey();
  }

  /**
   * Returns the value for a key at once, or undefined while a read started by an event is in
   * flight. Then `current` waits for it.
   */
  settled(): GenerationValue | undefined {
    return this.pending === undefined ? this.valueForKey() : undefined;
  }

  /** Returns the value, and starts a background read of the shared one while it is local. */
  private valueForKey(): GenerationValue {
    if (!this.value.shared) this.retryInBackground();
    return this.value;
  }

  /**
   * Returns the shared generations that writes replaced, newest first, while their grace lasts.
   * Entries stored under them may be served stale while they are refreshed under the current
   * one. Each grace counts from the write that replaced that generation.
   */
  replacedWithinGrace(): string[] {
    if (!this.value.shared || this.replaced.length === 0) return [];
    const now = this.clock();
    return this.replaced.filter((replaced) => now < replaced.graceEndsAt).map(({ text }) => text);
  }

  /**
   * Forgets the replaced generations, so that no entry of theirs is served in place of a current
   * one. The cache calls it when it is switched back on, because while it was off, clients got
   * responses newer than those entries.
   */
  forgetReplaced(): void {
    this.replaced = [];
  }

  /** Re-reads the shared value. `reset` accepts a lower value, after Redis may have restarted. */
  refresh(reset = false): Promise<void> {
    if (this.source === undefined) return Promise.resolve();
    const read = this.startRead();
    if (reset) this.resetFromRead = read;
    const reading = this.source.read().then(
      (generation) => this.acceptShared(generation, read),
      (error: unknown) => {
        this.logger.warn({ err: error }, 'catalog generation read failed; using a local one');
        this.value = this.nextLocal();
      },
    );
    this.pending = reading;
    void reading.then(() => {
      if (this.pending === reading) this.pending = undefined;
    });
    return reading;
  }

  /**
   * Moves to a new generation after a catalog write that passed through this gateway. With Redis
   * it increments the shared value, which the other replicas then read. Without Redis it moves
   * the local value.
   */
  async advance(): Promise<number | undefined> {
    if (this.source === undefined) {
      this.value = this.nextLocal();
      return undefined;
    }
    try {
      const read = this.startRead();
      const generation = await this.source.increment();
      this.acceptShared(generation, read);
      return generation;
    } catch (error) {
      this.logger.warn({ err: error }, 'catalog generation increment failed; using a local one');
      this.value = this.nextLocal();
      return undefined;
    }
  }

  /** Applies a shared value carried by another replica's message. */
  accept(generation: number): void {
    this.acceptShared(generation);
  }

  private retryInBackground(): void {
    const now = this.clock();
    if (this.source === undefined || this.retrying || now - this.lastRetryAt < RETRY_INTERVAL_MS) {
      return;
    }
    this.retrying = true;
    this.lastRetryAt = now;
    const done = () => {
      this.retrying = false;
    };
    const read = this.startRead();
    this.source
      .read()
      .then((generation) => this.acceptShared(generation, read))
      .then(done, done);
  }

  private startRead(): number {
    this.readsStarted += 1;
    return this.readsStarted;
  }

  /** Takes a value from Redis. `read` numbers the read that returned it (none for messages). */
  private acceptShared(generation: number, read?: number): void {
    if (this.resetFromRead !== undefined && read !== undefined && read >= this.resetFromRead) {
      this.sharedFloor = -1;
      this.resetFromRead = undefined;
    }
    if (generation < this.sharedFloor) return;
    if (generation > this.sharedFloor) this.noteReplaced();
    this.sharedFloor = generation;
    this.value = { text: `g${generation}`, shared: true };
  }

  /**
   * Remembers the value a higher shared one replaces. Only the shared value this replica was
   * using counts, so after a reset or a local stand-in the list is emptied.
   */
  private noteReplaced(): void {
    const before = this.value;
    if (this.graceMs <= 0 || !before.shared || before.text !== `g${this.sharedFloor}`) {
      this.replaced = [];
      return;
    }
    const now = this.clock();
    const current = { text: before.text, graceEndsAt: now + this.graceMs };
    const older = this.replaced.filter((replaced) => now < replaced.graceEndsAt);
    this.replaced = [current, ...older].slice(0, MAX_REPLACED_GENERATIONS);
  }

  private nextLocal(): GenerationValue {
    this.localCounter += 1;
    return { text: `local:${this.bootId}:${this.localCounter}`, shared: false };
  }
}
