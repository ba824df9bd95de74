export { type LauncherConfig, launcherConfigSchema, REPOSITORY_ROOT } from './config';
export { IMPORT_ENTRY, migrationEntries, type ProcessSpec, platformProcesses } from './processes';
export { runStep } from './run-step';
export { Supervisor } from './supervisor';
export { waitReady } from './wait-ready';
