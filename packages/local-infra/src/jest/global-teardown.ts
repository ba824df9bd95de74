import { takeTestServices } from './test-services';

/** Jest global teardown: stops the servers that the global setup started and unsets their variables. */
export default async function globalTeardown(): Promise<void> {
  const services = takeTestServices();
  if (!services) {
    return;
  }
  await Promise.all([services.postgres?.stop(), services.redis?.stop()]);
  for (const name of services.setVariables) {
    delete process.env[name];
  }
}
