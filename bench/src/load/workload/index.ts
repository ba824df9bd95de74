export { BareWorkload } from './bare-workload';
export { loadVocabularyFromDatabase, loadVocabularyFromGateway } from './load-vocabulary';
export type { PlannedRequest, Workload } from './planned-request';
export { generateProfiles, type ProfileBody } from './profiles';
export {
  parseReplayFile,
  type ReplayEntry,
  ReplayWorkload,
  routeOfRequest,
} from './replay-workload';
export { SyntheticWorkload, type SyntheticWorkloadOptions } from './synthetic-workload';
export { buildVocabulary, type VocabularySource } from './vocabulary';
