export { scholarshipForAnalysis } from '../analysis/scholarship-statement';
export { matchPage, type PageRequest } from '../eligibility/match-statement';
export { EMPTY_PROFILE, type StudentProfile } from '../eligibility/profile';
export { profileByUser } from '../profiles/profile-statement';
export { hotStatements } from './hot-statements';
