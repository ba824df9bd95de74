export { interactionRoutes } from './routes';
export { type SavedScholarshipRow, savedScholarships } from './statements';
