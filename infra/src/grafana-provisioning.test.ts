import { loadComposeFile, mountsOf, portsOf, serviceOf } from './compose-file';
import { readYamlFile } from './repository';

interface DatasourcesFile {
  apiVersion?: number;
  datasources?: { name: string; uid?: string; type: string; url: string; isDefault?: boolean }[];
}

interface DashboardsFile {
  apiVersion?: number;
  providers?: { name: string; type: string; options?: { path?: string } }[];
}

const DATASOURCES_FILE = 'infra/grafana/provisioning/datasources/prometheus.yml';
const DASHBOARDS_FILE = 'infra/grafana/provisioning/dashboards/dashboards.yml';

const compose = loadComposeFile();
const grafanaMounts = mountsOf(serviceOf(compose, 'grafana'));
const datasourcesFile = readYamlFile(DATASOURCES_FILE) as DatasourcesFile;
const dashboardsFile = readYamlFile(DASHBOARDS_FILE) as DashboardsFile;

/** Container path at which compose mounts a repository path into grafana. */
function mountTargetOf(source: string): string | undefined {
  return grafanaMounts.find((mount) => mount.source === source)?.target;
}

describe('Grafana data source', () => {
  const prometheus = (datasourcesFile.datasources ?? []).find(({ type }) => type === 'prometheus');
  const url = new URL(prometheus?.url ?? 'missing:');

  test('data source file uses apiVersion 1', () => {
    expect(datasourcesFile.apiVersion).toBe(1);
  });

  test('Prometheus data source is the default', () => {
    expect(prometheus?.isDefault).toBe(true);
  });

  test('Prometheus data source has a fixed uid', () => {
    expect(prometheus?.uid).toBe('prometheus');
  });

  test('data source names the prometheus service', () => {
    expect(Object.keys(compose.services)).toContain(url.hostname);
  });

  test('data source uses the port Prometheus listens on', () => {
    const containerPorts = portsOf(serviceOf(compose, 'prometheus')).map(({ target }) => target);
    expect(containerPorts).toContain(url.port);
  });

  test('compose mounts the data source folder', () => {
    expect(mountTargetOf('./infra/grafana/provisioning/datasources')).toBe(
      '/etc/grafana/provisioning/datasources',
    );
  });
});

describe('Grafana dashboards', () => {
  const providers = dashboardsFile.providers ?? [];

  test('dashboard file uses apiVersion 1', () => {
    expect(dashboardsFile.apiVersion).toBe(1);
  });

  test('one file provider is defined', () => {
    expect(providers.map(({ type }) => type)).toEqual(['file']);
  });

  test('provider reads the mounted dashboards folder', () => {
    expect(providers[0]?.options?.path).toBe(mountTargetOf('./infra/grafana/dashboards'));
  });

  test('compose mounts the dashboard provider folder', () => {
    expect(mountTargetOf('./infra/grafana/provisioning/dashboards')).toBe(
      '/etc/grafana/provisioning/dashboards',
    );
  });
});
