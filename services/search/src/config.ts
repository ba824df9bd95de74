import { serviceEnv } from '@scholarships/config';

export const searchConfigSchema = serviceEnv(8081);
