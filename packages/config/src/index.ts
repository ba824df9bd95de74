export { ConfigError } from './config-error';
export { env, whenValid } from './env-types';
export { loadConfig } from './load-config';
export { MIN_IDENTITY_SECRET_BYTES, type ServiceEnv, serviceEnv } from './service-env';
