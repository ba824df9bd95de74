export { ConfigError } from './config-error';
export { env, whenValid } from './env-types';
export { loadConfig } from './load-config';
export { type ServiceEnv, serviceEnv } from './service-env';
