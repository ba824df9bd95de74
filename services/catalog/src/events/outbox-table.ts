/** Outbox table of the catalog; the relay publishes its rows to Redis. */
export const CATALOG_OUTBOX_TABLE = 'catalog_outbox';
