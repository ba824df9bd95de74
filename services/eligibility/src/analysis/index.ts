export { type Analysis, analyzeScholarship, type ScoreLine } from './analyze';
export { type AnalysisRouteOptions, analysisRoutes } from './routes';
export {
  SCHOLARSHIP_FOR_ANALYSIS_STATEMENT,
  scholarshipForAnalysis,
} from './scholarship-statement';
export { CRITERION_WEIGHTS, FAILED_SCORE_CAP, OUTCOME_CREDIT } from './weights';
