export { PROFILE_BY_USER_STATEMENT, profileByUser } from './profile-statement';
export { readProfile, type SaveOutcome, type StoredProfile, saveProfile } from './profile-store';
export { type ProfileRouteOptions, profileRoutes } from './routes';
export { canonicalProfile } from './stored-profile';
