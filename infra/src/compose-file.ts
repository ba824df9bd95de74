import { readYamlFile } from './repository';

export const COMPOSE_FILE = 'docker-compose.yml';

/** The parts of a Compose service that the tests read. The schema test covers the rest. */
export interface ComposeService {
  image?: string;
  build?:
    | string
    | { context?: string; dockerfile?: string; args?: Record<string, string> | string[] };
  command?: string | string[];
  working_dir?: string;
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: (
    | string
    | number
    | { target: number | string; published?: number | string; host_ip?: string }
  )[];
  volumes?: (string | { type: string; source?: string; target: string })[];
  restart?: string;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** One of the four long-running processes of the API tier. */
export interface PlatformProcess {
  service: string;
  workspace: string;
  port: number;
}

/** Compose service, workspace and listening port of each process. */
export const PROCESSES: readonly PlatformProcess[] = [
  { service: 'gateway', workspace: 'gateway', port: 8080 },
  { service: 'search', workspace: 'services/search', port: 8081 },
  { service: 'catalog', workspace: 'services/catalog', port: 8082 },
  { service: 'eligibility', workspace: 'services/eligibility', port: 8083 },
];

/** Gateway variables that hold the base URL of a service, with that service's name. */
export const GATEWAY_UPSTREAMS: Readonly<Record<string, string>> = {
  SEARCH_URL: 'search',
  CATALOG_URL: 'catalog',
  ELIGIBILITY_URL: 'eligibility',
};

/** Services allowed to publish a port on the host. */
export const PUBLISHED_SERVICES: readonly string[] = [
  'gateway',
  'prometheus',
  'alertmanager',
  'grafana',
];

export function loadComposeFile(): ComposeFile {
  return readYamlFile(COMPOSE_FILE) as ComposeFile;
}

/** Returns the service or throws, so a test fails with the missing name. */
export function serviceOf(compose: ComposeFile, name: string): ComposeService {
  const service = compose.services[name];
  if (service === undefined) {
    throw new Error(`${COMPOSE_FILE} has no service named ${name}`);
  }
  return service;
}

/** Converts a `KEY=VALUE` list or a mapping to a mapping of strings. */
function toStringRecord(
  entries: Record<string, string | number | boolean | null> | string[] | undefined,
): Record<string, string> {
  if (entries === undefined) {
    return {};
  }
  if (Array.isArray(entries)) {
    return Object.fromEntries(
      entries.map((entry) => {
        const separator = entry.indexOf('=');
        return separator < 0
          ? [entry, '']
          : [entry.slice(0, separator), entry.slice(separator + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(entries).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

export function environmentOf(service: ComposeService): Record<string, string> {
  return toStringRecord(service.environment);
}

export function buildArgsOf(service: ComposeService): Record<string, string> {
  return typeof service.build === 'object' ? toStringRecord(service.build.args) : {};
}

/** Maps each dependency to its condition. A dependency in list form means `service_started`. */
export function dependenciesOf(service: ComposeService): Record<string, string> {
  const dependsOn = service.depends_on;
  if (dependsOn === undefined) {
    return {};
  }
  if (Array.isArray(dependsOn)) {
    return Object.fromEntries(dependsOn.map((name) => [name, 'service_started']));
  }
  return Object.fromEntries(
    Object.entries(dependsOn).map(([name, options]) => [
      name,
      options.condition ?? 'service_started',
    ]),
  );
}

/**
 * Names of one-shot services: those another service waits for with
 * `service_completed_successfully`. Every other service is long-running.
 */
export function oneShotServices(compose: ComposeFile): Set<string> {
  const names = new Set<string>();
  for (const service of Object.values(compose.services)) {
    for (const [name, condition] of Object.entries(dependenciesOf(service))) {
      if (condition === 'service_completed_successfully') {
        names.add(name);
      }
    }
  }
  return names;
}

export interface Mount {
  type: 'bind' | 'volume' | string;
  source?: string;
  target: string;
}

/**
 * Parses the short syntax `SOURCE:TARGET[:MODE]` and the long syntax. A short
 * source that starts with `.`, `/` or `~` is a host path, as Compose reads it.
 */
export function mountsOf(service: ComposeService): Mount[] {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume !== 'string') {
      return volume;
    }
    const [source, target] = volume.split(':');
    if (target === undefined) {
      return { type: 'volume', target: source ?? '' };
    }
    const isHostPath = /^[./~]/.test(source ?? '');
    return { type: isHostPath ? 'bind' : 'volume', source, target };
  });
}

export interface PortMapping {
  hostIp?: string;
  published?: string;
  target: string;
}

/** Parses `[HOST_IP:][PUBLISHED:]TARGET` and the long syntax. It does not handle IPv6 host addresses. */
export function portsOf(service: ComposeService): PortMapping[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return {
        hostIp: port.host_ip,
        published: port.published === undefined ? undefined : String(port.published),
        target: String(port.target),
      };
    }
    const parts = String(port).split(':');
    const target = parts.pop() ?? '';
    const published = parts.pop();
    const hostIp = parts.pop();
    return { hostIp, published, target };
  });
}

/** Returns the words of a health check's test, without its leading CMD or CMD-SHELL. */
export function healthcheckCommandOf(service: ComposeService): string[] {
  const test = service.healthcheck?.test;
  if (test === undefined) {
    return [];
  }
  if (typeof test === 'string') {
    return [test];
  }
  const [kind, ...words] = test;
  return kind === 'CMD' || kind === 'CMD-SHELL' ? words : test;
}
