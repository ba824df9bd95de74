import { createServer } from 'node:http';

/**
 * A bare Node.js HTTP server that responds to every request with the same 2 KB JSON body. The
 * bench measures it with the same generator as the platform, as the floor of what this machine
 * can do at a given rate. Reads PORT; stops on SIGTERM or SIGINT.
 */
const BODY_BYTES = 2048;

function fixedBody(): Buffer {
  const filler = 'x'.repeat(BODY_BYTES - '{"filler":""}'.length);
  return Buffer.from(JSON.stringify({ filler }));
}

const body = fixedBody();
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
