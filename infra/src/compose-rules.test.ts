import path from 'node:path';
import {
  buildArgsOf,
  type ComposeService,
  dependenciesOf,
  environmentOf,
  GATEWAY_UPSTREAMS,
  healthcheckCommandOf,
  loadComposeFile,
  mountsOf,
  oneShotServices,
  PROCESSES,
  PUBLISHED_SERVICES,
  portsOf,
  serviceOf,
} from './compose-file';
import { isRepositoryDirectory, isRepositoryFile, readRepositoryFile } from './repository';

const compose = loadComposeFile();
const serviceNames = Object.keys(compose.services);
const services = Object.entries(compose.services);
const oneShot = oneShotServices(compose);
const longRunning = serviceNames.filter((name) => !oneShot.has(name));

const dependencyEdges = services.flatMap(([service, definition]) =>
  Object.entries(dependenciesOf(definition)).map(([dependency, condition]) => ({
    service,
    dependency,
    condition,
  })),
);

describe('depends_on', () => {
  test.each(dependencyEdges)('$service dependency $dependency exists', ({ dependency }) => {
    expect(serviceNames).toContain(dependency);
  });

  // A long-running dependency is usable once healthy, and a one-shot one once it has exited 0.
  test.each(dependencyEdges)(
    '$service waits for $dependency with the matching condition',
    ({ dependency, condition }) => {
      const expected = oneShot.has(dependency)
        ? 'service_completed_successfully'
        : 'service_healthy';
      expect(condition).toBe(expected);
    },
  );

  test('dependency graph has no cycle', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (name: string, trail: string[]) => {
      if (done.has(name)) return;
      if (visiting.has(name)) {
        cycles.push([...trail, name].join(' -> '));
        return;
      }
      visiting.add(name);
      const definition = compose.services[name];
      for (const dependency of Object.keys(definition ? dependenciesOf(definition) : {})) {
        visit(dependency, [...trail, name]);
      }
      visiting.delete(name);
      done.add(name);
    };
    for (const name of serviceNames) visit(name, []);

    expect(cycles).toEqual([]);
  });

  test.each(['search', 'catalog', 'eligibility'])('%s waits for postgres', (name) => {
    expect(Object.keys(dependenciesOf(serviceOf(compose, name)))).toContain('postgres');
  });

  test.each(['search', 'catalog', 'eligibility'])('%s waits for migrate', (name) => {
    expect(Object.keys(dependenciesOf(serviceOf(compose, name)))).toContain('migrate');
  });

  test.each(['search', 'catalog', 'eligibility', 'redis'])('gateway waits for %s', (name) => {
    expect(Object.keys(dependenciesOf(serviceOf(compose, 'gateway')))).toContain(name);
  });
});

describe('health checks and restarts', () => {
  test.each(longRunning)('long-running %s has a health check test', (name) => {
    expect(healthcheckCommandOf(serviceOf(compose, name)).length).toBeGreaterThan(0);
  });

  test.each(longRunning)('long-running %s keeps its health check enabled', (name) => {
    expect(serviceOf(compose, name).healthcheck?.disable).not.toBe(true);
  });

  test.each([...oneShot])('one-shot %s is never restarted', (name) => {
    expect(serviceOf(compose, name).restart).toBe('no');
  });
});

describe('processes', () => {
  test.each(PROCESSES)('$service builds workspace $workspace', ({ service, workspace }) => {
    expect(buildArgsOf(serviceOf(compose, service)).WORKSPACE).toBe(workspace);
  });

  test.each(PROCESSES)('$service image exposes port $port', ({ service, port }) => {
    expect(buildArgsOf(serviceOf(compose, service)).PORT).toBe(String(port));
  });

  test.each(PROCESSES)('$service environment sets PORT $port', ({ service, port }) => {
    expect(environmentOf(serviceOf(compose, service)).PORT).toBe(String(port));
  });

  test.each(PROCESSES)('$service health check runs node', ({ service }) => {
    const [program, flag] = healthcheckCommandOf(serviceOf(compose, service));
    expect(program).toBe('node');
    expect(flag).toBe('-e');
  });

  test.each(PROCESSES)('$service health check requests /readyz', ({ service, port }) => {
    const script = healthcheckCommandOf(serviceOf(compose, service))[2] ?? '';
    expect(script).toContain(`'http://127.0.0.1:${port}/readyz'`);
  });

  test.each(PROCESSES)('$service health check fails on error status', ({ service }) => {
    const script = healthcheckCommandOf(serviceOf(compose, service))[2] ?? '';
    expect(script).toContain('process.exit(response.ok ? 0 : 1)');
  });
});

describe('gateway configuration', () => {
  const gatewayEnvironment = environmentOf(serviceOf(compose, 'gateway'));

  test.each(Object.entries(GATEWAY_UPSTREAMS))('%s names service %s', (variable, service) => {
    const url = new URL(gatewayEnvironment[variable] ?? 'missing:');
    expect(url.hostname).toBe(service);
  });

  test.each(Object.entries(GATEWAY_UPSTREAMS))(
    '%s uses the port of service %s',
    (variable, service) => {
      const url = new URL(gatewayEnvironment[variable] ?? 'missing:');
      expect(url.port).toBe(environmentOf(serviceOf(compose, service)).PORT);
    },
  );

  test.each(Object.keys(GATEWAY_UPSTREAMS))('%s is a plain http origin', (variable) => {
    const url = new URL(gatewayEnvironment[variable] ?? 'missing:');
    expect(`${url.protocol}//${url.host}`).toBe(gatewayEnvironment[variable]);
  });
});

describe('Redis connection', () => {
  // A process whose configuration reads REDIS_URL runs without its Redis features when the
  // variable is missing: the catalog and eligibility outbox relays would publish nothing.
  const redisClients = PROCESSES.filter(({ workspace }) =>
    readRepositoryFile(path.join(workspace, 'src', 'config.ts')).includes('REDIS_URL:'),
  );

  test('the gateway, the catalog and eligibility read REDIS_URL', () => {
    expect(redisClients.map(({ service }) => service)).toEqual([
      'gateway',
      'catalog',
      'eligibility',
    ]);
  });

  test.each(redisClients)('$service gets REDIS_URL of the redis service', ({ service }) => {
    const definition = serviceOf(compose, service);
    const url = new URL(environmentOf(definition).REDIS_URL ?? 'missing:');
    expect(url.host).toBe('redis:6379');
    expect(dependenciesOf(definition).redis).toBe('service_healthy');
  });
});

describe('database connection', () => {
  const postgresEnvironment = environmentOf(serviceOf(compose, 'postgres'));
  const clients = services
    .filter(([, definition]) => environmentOf(definition).DATABASE_URL !== undefined)
    .map(([name, definition]) => ({
      name,
      url: new URL(environmentOf(definition).DATABASE_URL ?? ''),
    }));

  test('every process reads DATABASE_URL', () => {
    const names = clients.map(({ name }) => name);
    expect(names).toEqual(expect.arrayContaining(PROCESSES.map(({ service }) => service)));
  });

  test.each(clients)('$name connects to postgres:5432', ({ url }) => {
    expect(url.host).toBe('postgres:5432');
  });

  test.each(clients)('$name uses the POSTGRES_USER', ({ url }) => {
    expect(url.username).toBe(postgresEnvironment.POSTGRES_USER);
  });

  test.each(clients)('$name uses the POSTGRES_PASSWORD', ({ url }) => {
    expect(url.password).toBe(postgresEnvironment.POSTGRES_PASSWORD);
  });

  test.each(clients)('$name uses the POSTGRES_DB', ({ url }) => {
    expect(url.pathname).toBe(`/${postgresEnvironment.POSTGRES_DB}`);
  });
});

describe('published ports', () => {
  const publishing = services.filter(([, definition]) => portsOf(definition).length > 0);
  const mappings = publishing.flatMap(([service, definition]) =>
    portsOf(definition).map((mapping) => ({ service, ...mapping })),
  );

  test.each(publishing.map(([name]) => name))('%s is allowed to publish ports', (name) => {
    expect(PUBLISHED_SERVICES).toContain(name);
  });

  test.each(mappings)('$service port $target is bound to 127.0.0.1', ({ hostIp }) => {
    expect(hostIp).toBe('127.0.0.1');
  });

  test('gateway publishes its port as 8080', () => {
    expect(portsOf(serviceOf(compose, 'gateway'))).toContainEqual({
      hostIp: '127.0.0.1',
      published: '8080',
      target: '8080',
    });
  });
});

interface BuildCase {
  service: string;
  context: string;
  dockerfile: string;
  workspace: string;
  workspaces: string[];
}

function buildCaseOf(service: string, definition: ComposeService): BuildCase {
  const build =
    typeof definition.build === 'string' ? { context: definition.build } : definition.build;
  const args = buildArgsOf(definition);
  const workspace = args.WORKSPACE ?? '';
  const extraWorkspaces = (args.EXTRA_WORKSPACES ?? '').split(/\s+/).filter(Boolean);
  return {
    service,
    context: build?.context ?? '.',
    dockerfile: build?.dockerfile ?? 'Dockerfile',
    workspace,
    workspaces: [workspace, ...extraWorkspaces],
  };
}

/** Matches a workspace folder against root package.json patterns such as `services/*`. */
function isDeclaredWorkspace(workspace: string, patterns: string[]): boolean {
  return patterns.some((pattern) =>
    pattern.endsWith('/*')
      ? path.posix.dirname(workspace) === pattern.slice(0, -2)
      : workspace === pattern,
  );
}

describe('builds', () => {
  const builds = services
    .filter(([, definition]) => definition.build !== undefined)
    .map(([name, definition]) => buildCaseOf(name, definition));
  const workspaceCases = builds.flatMap(({ service, workspaces }) =>
    workspaces.map((workspace) => ({ service, workspace })),
  );
  const rootPackage = JSON.parse(readRepositoryFile('package.json')) as { workspaces: string[] };

  test.each(builds)('$service builds from the repository root', ({ context }) => {
    expect(path.posix.normalize(context)).toBe('.');
  });

  test.each(builds)('$service Dockerfile exists', ({ context, dockerfile }) => {
    expect(isRepositoryFile(path.posix.join(context, dockerfile))).toBe(true);
  });

  test.each(builds)('$service names a WORKSPACE', ({ workspace }) => {
    expect(workspace).not.toBe('');
  });

  test.each(builds)('$service workspace $workspace has src/main.ts', ({ workspace }) => {
    expect(isRepositoryFile(`${workspace}/src/main.ts`)).toBe(true);
  });

  test.each(workspaceCases)('$service workspace $workspace has package.json', ({ workspace }) => {
    expect(isRepositoryFile(`${workspace}/package.json`)).toBe(true);
  });

  test.each(workspaceCases)('$service workspace $workspace has tsconfig.json', ({ workspace }) => {
    expect(isRepositoryFile(`${workspace}/tsconfig.json`)).toBe(true);
  });

  test.each(workspaceCases)(
    '$service workspace $workspace is an npm workspace',
    ({ workspace }) => {
      expect(isDeclaredWorkspace(workspace, rootPackage.workspaces)).toBe(true);
    },
  );
});

describe('migrate service', () => {
  const migrate = serviceOf(compose, 'migrate');
  const command = Array.isArray(migrate.command) ? migrate.command : [];
  const steps = (command[2] ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const entryPoints = steps.map((step) => step.split(/\s+/)[1] ?? '');
  const workspaceOf = (entryPoint: string) => entryPoint.split('/dist/')[0] ?? '';

  test('migrate is one-shot', () => {
    expect(oneShot.has('migrate')).toBe(true);
  });

  test('migrate stops at the first failing step', () => {
    expect(command.slice(0, 2)).toEqual(['sh', '-ec']);
  });

  test('migrate runs from /app, where its paths start', () => {
    expect(migrate.working_dir).toBe('/app');
  });

  test('migrations run catalog, search, eligibility in order', () => {
    const migrations = steps.filter((step) => step.endsWith('/dist/migrate.js latest'));
    expect(migrations.map((step) => workspaceOf(step.split(/\s+/)[1] ?? ''))).toEqual([
      'services/catalog',
      'services/search',
      'services/eligibility',
    ]);
  });

  test('import runs last with --skip-if-current', () => {
    expect(steps.at(-1)).toBe('node services/catalog/dist/import/cli.js --skip-if-current');
  });

  test.each(entryPoints)('entry point %s has a TypeScript source', (entryPoint) => {
    const source = entryPoint.replace('/dist/', '/src/').replace(/\.js$/, '.ts');
    expect(isRepositoryFile(source)).toBe(true);
  });

  test.each(entryPoints)('image of migrate builds the workspace of %s', (entryPoint) => {
    expect(buildCaseOf('migrate', migrate).workspaces).toContain(workspaceOf(entryPoint));
  });
});

describe('mounts', () => {
  const mounts = services.flatMap(([service, definition]) =>
    mountsOf(definition).map((mount) => ({ service, ...mount })),
  );
  const bindMounts = mounts.filter(({ type }) => type === 'bind');
  const namedVolumes = mounts.filter(({ type, source }) => type === 'volume' && source);

  test.each(bindMounts)('$service mounts existing host path $source', ({ source }) => {
    const hostPath = source ?? '';
    expect(isRepositoryFile(hostPath) || isRepositoryDirectory(hostPath)).toBe(true);
  });

  test.each(bindMounts)('$service host path $source is inside the repository', ({ source }) => {
    const relativePath = path.posix.normalize(source ?? '/');
    expect(relativePath.startsWith('/') || relativePath.startsWith('..')).toBe(false);
  });

  test.each(namedVolumes)('$service volume $source is declared', ({ source }) => {
    expect(Object.keys(compose.volumes ?? {})).toContain(source);
  });
});
