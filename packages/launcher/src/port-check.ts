import { tryListen } from '@scholarships/local-infra';

/** A port setting of the launcher, e.g. `GATEWAY_PORT` = 8080. */
export interface PortSetting {
  name: string;
  port: number;
}

/** A port setting that cannot be listened on, with the error code, e.g. `EADDRINUSE`. */
export interface UnavailablePort extends PortSetting {
  code: string;
}

/**
 * Returns the settings whose port cannot be listened on at `host`, found by listening on each for
 * a moment. The launcher checks before it starts anything, so that a port in use is reported by
 * its setting at once rather than as one process's late EADDRINUSE. Another program can still
 * take a port between this check and the process that listens on it.
 */
export async function unavailablePorts(
  host: string,
  settings: readonly PortSetting[],
): Promise<UnavailablePort[]> {
  const unavailable: UnavailablePort[] = [];
  for (const setting of settings) {
    const code = await listenError(host, setting.port);
    if (code !== undefined) unavailable.push({ ...setting, code });
  }
  return unavailable;
}

/** Returns the error code of listening on `host:port`, or undefined when it can listen. */
async function listenError(host: string, port: number): Promise<string | undefined> {
  const probe = await tryListen(host, port);
  return probe.ok ? undefined : (probe.error.code ?? probe.error.message);
}

/** Error codes of a host that is no address of this machine, the same for every port. */
const HOST_ERRORS = new Set(['EADDRNOTAVAIL', 'ENOTFOUND']);

/**
 * Formats the unavailable ports as lines that name the setting to change: one line for `HOST`
 * when the host is no address of this machine, else one per port that another program has or
 * that needs privileges.
 */
export function describeUnavailablePorts(
  host: string,
  unavailable: readonly UnavailablePort[],
): string[] {
  const hostError = unavailable.find((port) => HOST_ERRORS.has(port.code));
  if (hostError !== undefined) {
    return [
      `HOST ${host} is not an address of this machine (${hostError.code}): ` +
        'set HOST to one, for example 127.0.0.1 (the default)',
    ];
  }
  return unavailable.map(({ name, port, code }) => {
    const problem = `${name} ${port} on ${host} is not available (${code})`;
    if (code === 'EADDRINUSE') {
      return `${problem}: stop the program that listens there or set ${name} to a free port`;
    }
    if (code === 'EACCES') {
      return `${problem}: ports below 1024 need privileges, so set ${name} to a port above 1023`;
    }
    return `${problem}: set ${name} to a free port`;
  });
}
