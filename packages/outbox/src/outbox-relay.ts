import type { InvalidationEvent } from '@scholarships/contracts';
import type { Knex } from '@scholarships/db';
import type { Logger } from '@scholarships/logger';
import { Counter, type Registry } from '@scholarships/metrics';
import { Client } from 'pg';
import { notifyChannel } from './outbox-table';
import type { EventPublisher } from './redis-publisher';

export interface OutboxRelayOptions {
  knex: Knex;
  /** Used for a dedicated `LISTEN` connection. */
  connectionString: string;
  table: string;
  publish: EventPublisher;
  logger: Logger;
  registry?: Registry;
  /** Safety-net poll in milliseconds, for notifications missed while disconnected; default 1000. */
  pollIntervalMs?: number;
  /** Events published per round trip; default 100. */
  batchSize?: number;
}

export interface OutboxRelay {
  /** Publishes every pending event now; resolves with how many were published. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

interface OutboxRow {
  id: number;
  event: InvalidationEvent;
}

/**
 * Delivers outbox events at least once and in order: rows are locked, sent,
 * then marked published in one transaction, so a crash between send and mark
 * re-sends them, which subscribers tolerate because dropping a cache entry
 * twice is harmless. While the publisher fails, events stay in the table and
 * go out once it recovers.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const metrics = options.registry ? createRelayMetrics(options.registry) : undefined;
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;
  let failing = false;

  const flush = (): Promise<number> => {
    running = running.then(
      () => drain(options, metrics),
      () => drain(options, metrics),
    );
    return running;
  };
  const flushQuietly = () => {
    if (stopped) return;
    flush().then(
      () => {
        if (failing) options.logger.info({ table: options.table }, 'outbox publishing recovered');
        failing = false;
      },
      (error: unknown) => {
        metrics?.failures.inc();
        // One line per outage, not one per poll; the counter shows how long it lasted.
        if (!failing) {
          options.logger.warn(
            { err: error, table: options.table },
            'outbox publish failed; will retry',
          );
        }
        failing = true;
      },
    );
  };

  const timer = setInterval(flushQuietly, options.pollIntervalMs ?? 1000);
  timer.unref();
  const listener = listenForInserts(options, flushQuietly);
  flushQuietly();

  return {
    flush,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await listener.close();
      await running.catch(() => 0);
    },
  };
}

async function drain(
  options: OutboxRelayOptions,
  metrics: ReturnType<typeof createRelayMetrics> | undefined,
): Promise<number> {
  let total = 0;
  for (;;) {
    const sent = await publishBatch(options);
    metrics?.published.inc(sent);
    total += sent;
    if (sent < (options.batchSize ?? 100)) break;
  }
  await deletePublished(options);
  return total;
}

/** Published rows are kept for an hour for inspection, then deleted so the table stays small. */
const PUBLISHED_RETENTION = '1 hour';

async function deletePublished(options: OutboxRelayOptions): Promise<void> {
  await options
    .knex(options.table)
    .whereNotNull('published_at')
    .andWhereRaw(`published_at < now() - interval '${PUBLISHED_RETENTION}'`)
    .delete();
}

async function publishBatch(options: OutboxRelayOptions): Promise<number> {
  return options.knex.transaction(async (trx) => {
    const rows: OutboxRow[] = await trx(options.table)
      .select('id', 'event')
      .whereNull('published_at')
      .orderBy('id')
      .limit(options.batchSize ?? 100)
      .forUpdate()
      .skipLocked();
    if (rows.length === 0) return 0;
    await options.publish(rows.map((row) => row.event));
    await trx(options.table)
      .whereIn(
        'id',
        rows.map((row) => row.id),
      )
      .update({ published_at: trx.fn.now() });
    return rows.length;
  });
}

/** Keeps one `LISTEN` connection open, reconnecting after errors; polling covers the gaps. */
function listenForInserts(options: OutboxRelayOptions, onNotify: () => void) {
  let client: Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new Client({
      connectionString: options.connectionString,
      connectionTimeoutMillis: 2000,
      keepAlive: true,
      application_name: `${options.table}-listener`,
    });
    next.on('notification', onNotify);
    next.on('error', (error) => {
      options.logger.warn(
        { err: error, table: options.table },
        'outbox listener lost; reconnecting',
      );
      void next.end().catch(() => undefined);
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`LISTEN "${notifyChannel(options.table)}"`);
      if (closed) await next.end();
      else client = next;
    } catch (error) {
      options.logger.warn(
        { err: error, table: options.table },
        'outbox listener failed to connect',
      );
      await next.end().catch(() => undefined);
      scheduleReconnect();
    }
  };
  const scheduleReconnect = () => {
    client = undefined;
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1000);
    retry.unref();
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}

function createRelayMetrics(registry: Registry) {
  return {
    published: new Counter({
      name: 'outbox_events_published_total',
      help: 'Invalidation events published from the outbox.',
      registers: [registry],
    }),
    failures: new Counter({
      name: 'outbox_publish_failures_total',
      help: 'Outbox publish attempts that failed and will be retried.',
      registers: [registry],
    }),
  };
}
