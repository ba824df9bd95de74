import type { Logger } from '@scholarships/logger';
import type { Redis } from 'ioredis';

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
 * Redis has confirmed the subscription.
 */
export class InvalidationSubscriber {
  private live = false;
  private readonly firstLive: Promise<void>;
  private markFirstLive: () => void = () => {};

  constructor(
    private readonly connection: Redis,
    private readonly channels: readonly string[],
    private readonly handlers: SubscriberHandlers,
    private readonly logger: Logger,
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
  }

  isLive(): boolean {
    return this.live;
  }

  /** Resolves once the subscription has been live, and `onLive` has run, for the first time. */
  whenFirstLive(): Promise<void> {
    return this.firstLive;
  }

  async close(): Promise<void> {
    this.live = false;
    this.connection.disconnect();
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
