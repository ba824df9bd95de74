export {
  ADMIN_HEADERS,
  type CatalogTestContext,
  createCatalogTestContext,
  insertScholarship,
  userHeaders,
} from './catalog-test-context';
export { waitForLockWaiter } from './lock-waiter';
