import { outboxMigration } from '@scholarships/outbox';
import { ELIGIBILITY_OUTBOX_TABLE } from '../events/outbox-table';

/**
 * The outbox of `profile.changed` events, written in the same transaction as
 * the profile, which the relay publishes to Redis when `REDIS_URL` is set.
 */
export const createEligibilityOutbox = outboxMigration(
  '003-create-eligibility-outbox',
  ELIGIBILITY_OUTBOX_TABLE,
);
