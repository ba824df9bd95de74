import type { Pool, PoolClient } from 'pg';
import type { Statement } from './statement';

/** A statement to warm with, named or sent unnamed. */
export type WarmupQuery = Pick<Statement, 'text' | 'values'> & { name?: string };

/**
 * Opens `count` connections at once (never more than the pool's maximum) and
 * runs every warm-up statement on each, so each connection has parsed and
 * planned the hot statements before the first request. At least one
 * connection is warmed even when the minimum is 0, so start-up still checks
 * that every statement prepares.
 *
 * While a client is checked out pg-pool no longer listens for its `error`
 * event, so each one gets a listener here: a backend terminated mid-warm-up
 * fails the warm-up instead of crashing the process. A failed client is
 * released with its error, which makes the pool destroy it.
 */
export async function warmPool(
  pool: Pool,
  count: number,
  warmup: readonly WarmupQuery[],
): Promise<void> {
  const size = Math.max(1, Math.min(count, pool.options.max ?? count));
  const opened = await Promise.allSettled(Array.from({ length: size }, () => pool.connect()));
  const clients = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const results = await Promise.allSettled(clients.map((client) => warmClient(client, warmup)));
  const failure = [...opened, ...results].find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

async function warmClient(client: PoolClient, warmup: readonly WarmupQuery[]): Promise<void> {
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure = error;
  };
  client.on('error', onError);
  try {
    for (const statement of warmup) await client.query(statement);
    if (failure) throw failure;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(failure);
  }
}
