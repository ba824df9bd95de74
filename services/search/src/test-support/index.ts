export { type SearchTestApp, startSearchTestApp } from './search-test-app';
