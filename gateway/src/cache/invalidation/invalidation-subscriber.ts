import type { Logger } from '@scholarships/logger';
import type { Redis } from 'ioredis';
import { withDeadline } from '../../redis/deadline';

/**
 * How often a live subscription is checked with PING, and how long the reply may take, in
 * milliseconds. A Redis that stops replying (frozen, or cut off by a network that keeps the TCP
 * connection open) never closes the connection. A replica serving only memory hits sends it no
 * other command, so without this check the replica would keep counting on invalidations that
 * cannot arrive.
 */
export interface HeartbeatOptions {
  intervalMs: number;
  timeoutMs: number;
}

export const DEFAULT_HEARTBEAT: HeartbeatOptions = { intervalMs: 1000, timeoutMs: 2000 };

/**
 * ioredis's own `commandTimeout` on the subscriber connection, in milliseconds, which also bounds
 * SUBSCRIBE. It must stay well above `DEFAULT_HEARTBEAT.timeoutMs`, because ioredis's timer is a
 * plain one. After this process stalls for longer than it, the timer fails the PING in the same
 * turn as the reply arrives, and the heartbeat would report a Redis that replied at once as lost.
 */
export const SUBSCRIBER_COMMAND_TIMEOUT_MS = 5000;

export interface SubscriberHandlers {
  /** Called with each message, synchronously as it is read from the socket. */
  onMessage(channel: string, message: string): void;
  /**
   * Called once the channels are subscribed after a (re)connection. Messages published while
   * the subscription was down are lost, so this is where state built from them is rebuilt.
   */
  onLive(): void;
  /** Called when the connection is lost. */
  onLost(): void;
}

/**
 * Keeps one connection in subscriber mode on the given channels. It subscribes again itself on
 * every `ready`, rather than through ioredis's autoResubscribe, so `isLive` turns true only once
 * Redis has confirmed the subscription. While live, it sends PING every `heartbeat.intervalMs`.
 * A reply that does not come within `heartbeat.timeoutMs` counts as a lost connection, and the
 * subscriber drops it so that ioredis connects again.
 */
export class InvalidationSubscriber {
  private live = false;
  private readonly firstLive: Promise<void>;
  private markFirstLive: () => void = () => {};
  private readonly heartbeatTimer: NodeJS.Timeout;
  private pinging = false;

  constructor(
    private readonly connection: Redis,
    private readonly channels: readonly string[],
    private readonly handlers: SubscriberHandlers,
    private readonly logger: Logger,
    private readonly heartbeat: HeartbeatOptions = DEFAULT_HEARTBEAT,
  ) {
    this.firstLive = new Promise((resolve) => {
      this.markFirstLive = resolve;
    });
    connection.on('message', (channel: string, message: string) => {
      handlers.onMessage(channel, message);
    });
    connection.on('ready', () => this.subscribe());
    connection.on('close', () => this.lose());
    if (connection.status === 'ready') this.subscribe();
    this.heartbeatTimer = setInterval(() => this.checkHeartbeat(), heartbeat.intervalMs);
    this.heartbeatTimer.unref();
  }

  isLive(): boolean {
    return this.live;
  }

  /** Resolves once the subscription has been live, and `onLive` has run, for the first time. */
  whenFirstLive(): Promise<void> {
    return this.firstLive;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    this.live = false;
    this.connection.disconnect();
  }

  /** Sends one PING unless the subscription is down or the previous PING is still waiting. */
  private checkHeartbeat(): void {
    if (!this.live || this.pinging) return;
    this.pinging = true;
    withDeadline(this.connection.ping(), this.heartbeat.timeoutMs).then(
      () => {
        this.pinging = false;
      },
      (error: unknown) => {
        this.pinging = false;
        // A closed connection reports itself through `close`; only a live one is dropped here.
        if (!this.live) return;
        this.logger.warn(
          { err: error, timeoutMs: this.heartbeat.timeoutMs },
          'cache invalidation subscription did not answer PING; reconnecting',
        );
        this.lose();
        this.connection.disconnect(true);
      },
    );
  }

  private subscribe(): void {
    this.connection.subscribe(...this.channels).then(
      () => {
        this.live = true;
        this.logger.info({ channels: this.channels }, 'cache invalidation subscription live');
        this.handlers.onLive();
        this.markFirstLive();
      },
      (error: unknown) => {
        this.logger.warn({ err: error }, 'cache invalidation subscribe failed; retrying');
        // Dropping the connection makes ioredis reconnect, and `ready` subscribes again.
        this.connection.disconnect(true);
      },
    );
  }

  private lose(): void {
    if (!this.live) return;
    this.live = false;
    this.logger.warn('cache invalidation subscription lost; reconnecting');
    this.handlers.onLost();
  }
}
