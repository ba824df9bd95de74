export { clientNetworkKey, expandIpv6, normalizeIpAddress } from './ip-address';
export {
  type ClientAddressResolver,
  createClientAddressResolver,
  parseTrustProxy,
  type TrustProxy,
  UNKNOWN_CLIENT_ADDRESS,
} from './trust-proxy';
