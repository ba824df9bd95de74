import { Agent } from 'node:http';
import type { GatewayConfig } from '../config';
import { SERVICE_NAMES, type ServiceName } from '../routes/route-table';

/**
 * Idle time, in milliseconds, after which the gateway closes a pooled upstream connection. It is
 * below the services' keep-alive timeout (65 s, set by service-kit's startServer), so the gateway
 * closes idle connections first, which avoids sending a request on a socket the service is closing.
 */
export const UPSTREAM_IDLE_SOCKET_TIMEOUT_MS = 30_000;

/** One service behind the gateway and the connection pool used to reach it. */
export interface Upstream {
  service: ServiceName;
  /** Origin of the service, e.g. `http://127.0.0.1:8081`. */
  origin: string;
  agent: Agent;
  /** Secret that signs the identity headers sent to the service (`INTERNAL_IDENTITY_SECRET`). */
  identitySecret?: string;
}

export type Upstreams = Readonly<Record<ServiceName, Upstream>>;

const URL_SETTING: Record<ServiceName, 'SEARCH_URL' | 'CATALOG_URL' | 'ELIGIBILITY_URL'> = {
  search: 'SEARCH_URL',
  catalog: 'CATALOG_URL',
  eligibility: 'ELIGIBILITY_URL',
};

/** Creates one keep-alive pool per service. Release them with closeUpstreams. */
export function createUpstreams(config: GatewayConfig): Upstreams {
  const entries = SERVICE_NAMES.map((service) => {
    const upstream: Upstream = {
      service,
      origin: new URL(config[URL_SETTING[service]]).origin,
      agent: createUpstreamAgent(config.UPSTREAM_MAX_SOCKETS),
      ...(config.INTERNAL_IDENTITY_SECRET === undefined
        ? {}
        : { identitySecret: config.INTERNAL_IDENTITY_SECRET }),
    };
    return [service, upstream] as const;
  });
  return Object.fromEntries(entries) as Record<ServiceName, Upstream>;
}

function createUpstreamAgent(maxSockets: number): Agent {
  // LIFO reuses the most recently used socket, so under light load the surplus sockets stay idle
  // long enough to hit the idle timeout and close.
  return new Agent({
    keepAlive: true,
    maxSockets,
    scheduling: 'lifo',
    timeout: UPSTREAM_IDLE_SOCKET_TIMEOUT_MS,
  });
}

/** Destroys every pooled connection, in use or idle. */
export function closeUpstreams(upstreams: Upstreams): void {
  for (const upstream of Object.values(upstreams)) upstream.agent.destroy();
}
