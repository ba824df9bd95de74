import type { IncomingHttpHeaders } from 'node:http';

/** Fields that describe one connection rather than the message (RFC 9110 §7.6.1). */
const HOP_BY_HOP_HEADERS = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'transfer-encoding',
  'upgrade',
] as const;

/**
 * Deletes, in place, the hop-by-hop fields and every field named in `Connection`, as RFC 9110
 * §7.6.1 requires of an intermediary before it forwards a message.
 */
export function deleteHopByHopHeaders(headers: IncomingHttpHeaders): void {
  for (const name of connectionOptions(headers.connection)) delete headers[name];
  for (const name of HOP_BY_HOP_HEADERS) delete headers[name];
}

function connectionOptions(connection: string | undefined): string[] {
  if (connection === undefined) return [];
  return connection
    .split(',')
    .map((option) => option.trim().toLowerCase())
    .filter((option) => option.length > 0);
}
