import { outboxMigration } from '@scholarships/outbox';
import { CATALOG_OUTBOX_TABLE } from '../events/outbox-table';

/** Invalidation events recorded by each admin write, in the write's own transaction. */
export const createCatalogOutbox = outboxMigration(
  '004-create-catalog-outbox',
  CATALOG_OUTBOX_TABLE,
);
