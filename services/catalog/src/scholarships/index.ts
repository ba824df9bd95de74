export { type ScholarshipDocument, scholarshipDocumentSchema } from '@scholarships/api-contract';
export { adminScholarshipRoutes } from './admin-routes';
export { scholarshipRoutes } from './routes';
export { scholarshipById, scholarshipsByIds } from './statements';
