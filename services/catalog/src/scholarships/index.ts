export { adminScholarshipRoutes } from './admin-routes';
export { scholarshipRoutes } from './routes';
export { scholarshipById, scholarshipsByIds } from './statements';
export { type ScholarshipDocument, scholarshipDocumentSchema } from './write-schema';
