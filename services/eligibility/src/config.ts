import { serviceEnv } from '@scholarships/config';

export const eligibilityConfigSchema = serviceEnv(8083);
