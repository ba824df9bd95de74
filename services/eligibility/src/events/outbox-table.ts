/** Outbox table of the eligibility service, whose rows the relay publishes to Redis. */
export const ELIGIBILITY_OUTBOX_TABLE = 'eligibility_outbox';
