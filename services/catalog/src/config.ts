import { serviceEnv } from '@scholarships/config';

export const catalogConfigSchema = serviceEnv(8082);
