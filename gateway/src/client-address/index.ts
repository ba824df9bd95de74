export { clientNetworkKey, expandIpv6, normalizeIpAddress } from './ip-address';
export {
  createMetricsAccessCheck,
  type MetricsAccess,
  PRIVATE_NETWORKS,
  parseMetricsAccess,
} from './metrics-access';
export {
  type ClientAddressResolver,
  createClientAddressResolver,
  parseTrustProxy,
  type TrustProxy,
  UNKNOWN_CLIENT_ADDRESS,
} from './trust-proxy';
