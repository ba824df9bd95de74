export { ELIGIBILITY_OUTBOX_TABLE } from './outbox-table';
export { startProfileEventRelay } from './start-relay';
