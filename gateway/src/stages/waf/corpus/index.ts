export { buildAttackCorpus } from './attack-corpus';
export { buildBenignCorpus } from './benign-corpus';
export { BROWSER_HEADERS, type CorpusRequest, toRequestView } from './corpus-request';
export {
  type CategoryDetection,
  type CorpusEvaluation,
  evaluateCorpus,
  type FalsePositive,
} from './evaluate-corpus';
