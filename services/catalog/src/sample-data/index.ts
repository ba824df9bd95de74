export { LARGE_CATALOG, type LargeCatalogCounts, loadLargeCatalog } from './large-catalog';
export {
  loadSyntheticInteractions,
  type SyntheticInteractionOptions,
} from './synthetic-interactions';
