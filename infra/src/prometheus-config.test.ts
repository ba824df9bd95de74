import { environmentOf, loadComposeFile, mountsOf, PROCESSES, serviceOf } from './compose-file';
import { readYamlFile } from './repository';

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  scrape_interval?: string;
  static_configs?: { targets?: string[] }[];
}

interface PrometheusConfig {
  global?: { scrape_interval?: string; scrape_timeout?: string };
  alerting?: { alertmanagers?: { static_configs?: { targets?: string[] }[] }[] };
  rule_files?: string[];
  scrape_configs?: ScrapeConfig[];
}

const config = readYamlFile('infra/prometheus/prometheus.yml') as PrometheusConfig;
const compose = loadComposeFile();
const prometheusMounts = mountsOf(serviceOf(compose, 'prometheus'));
const jobs = config.scrape_configs ?? [];
const targets = jobs.flatMap((job) =>
  (job.static_configs ?? []).flatMap((staticConfig) =>
    (staticConfig.targets ?? []).map((target) => ({ job: job.job_name, target })),
  ),
);

function targetsOfJob(jobName: string): string[] {
  const job = jobs.find((candidate) => candidate.job_name === jobName);
  return (job?.static_configs ?? []).flatMap((staticConfig) => staticConfig.targets ?? []);
}

interface AlertmanagerRoute {
  receiver?: string;
  routes?: AlertmanagerRoute[];
}

interface AlertmanagerConfig {
  route?: AlertmanagerRoute;
  receivers?: { name: string }[];
}

const ALERTMANAGER_FILE = 'infra/alertmanager/alertmanager.yml';

/** Receivers named by a route and every route under it. */
function receiversOf(route: AlertmanagerRoute | undefined): string[] {
  if (route === undefined) return [];
  const own = route.receiver === undefined ? [] : [route.receiver];
  return [...own, ...(route.routes ?? []).flatMap(receiversOf)];
}

describe('Prometheus configuration', () => {
  test('scrape interval is 5s', () => {
    expect(config.global?.scrape_interval).toBe('5s');
  });

  test('scrape timeout is at most 5s', () => {
    expect(config.global?.scrape_timeout).toMatch(/^[1-5]s$/);
  });

  test('rule files come from /etc/prometheus/rules', () => {
    expect(config.rule_files).toEqual(['/etc/prometheus/rules/*.yml']);
  });

  test('compose mounts the rules folder there', () => {
    expect(prometheusMounts).toContainEqual(
      expect.objectContaining({
        source: './infra/prometheus/rules',
        target: '/etc/prometheus/rules',
      }),
    );
  });

  test('compose mounts this file as the configuration', () => {
    expect(prometheusMounts).toContainEqual(
      expect.objectContaining({
        source: './infra/prometheus/prometheus.yml',
        target: '/etc/prometheus/prometheus.yml',
      }),
    );
  });

  test('job names are unique', () => {
    const names = jobs.map((job) => job.job_name);
    expect(new Set(names).size).toBe(names.length);
  });

  test.each(PROCESSES)('job $service scrapes $service:$port', ({ service, port }) => {
    expect(targetsOfJob(service)).toEqual([`${service}:${port}`]);
  });

  test.each(jobs.map((job) => job.job_name))('job %s scrapes /metrics', (jobName) => {
    const job = jobs.find((candidate) => candidate.job_name === jobName);
    expect(job?.metrics_path ?? '/metrics').toBe('/metrics');
  });

  test.each(targets)('target $target is a compose service', ({ target }) => {
    const [host] = target.split(':');
    expect(Object.keys(compose.services)).toContain(host);
  });

  test.each(targets)('target $target uses its service PORT', ({ target }) => {
    const [host = '', port] = target.split(':');
    const service = compose.services[host];
    expect(port).toBe(service === undefined ? undefined : environmentOf(service).PORT);
  });
});

describe('Alertmanager', () => {
  const alertmanager = readYamlFile(ALERTMANAGER_FILE) as AlertmanagerConfig;

  test('Prometheus sends alerts to the alertmanager service', () => {
    const alertTargets = (config.alerting?.alertmanagers ?? []).flatMap((manager) =>
      (manager.static_configs ?? []).flatMap((staticConfig) => staticConfig.targets ?? []),
    );
    expect(alertTargets).toEqual(['alertmanager:9093']);
    expect(Object.keys(compose.services)).toContain('alertmanager');
  });

  test('compose mounts its configuration', () => {
    expect(mountsOf(serviceOf(compose, 'alertmanager'))).toContainEqual(
      expect.objectContaining({
        source: `./${ALERTMANAGER_FILE}`,
        target: '/etc/alertmanager/alertmanager.yml',
      }),
    );
  });

  test('every route names a declared receiver', () => {
    const declared = (alertmanager.receivers ?? []).map((receiver) => receiver.name);
    const named = receiversOf(alertmanager.route);
    expect(named.length).toBeGreaterThan(0);
    for (const receiver of named) expect(declared).toContain(receiver);
  });
});
