export { savedScholarships } from '../interactions';
export { scholarshipById, scholarshipsByIds } from '../scholarships';
export { catalogStatements } from './catalog-statements';
