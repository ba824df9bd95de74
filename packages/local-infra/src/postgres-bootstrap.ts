import { Client, type ClientConfig, escapeIdentifier, escapeLiteral } from 'pg';

/** Time in ms that one connection attempt may take before it counts as failed. */
const CONNECT_TIMEOUT_MS = 2_000;

export interface SocketTarget {
  socketDir: string;
  port: number;
  user: string;
}

export interface ClusterSetup {
  user: string;
  password: string | undefined;
  database: string;
}

/** Connects through the Unix socket to the maintenance database and runs `SELECT 1`. */
export async function probeSocket(target: SocketTarget): Promise<void> {
  await withClient(socketConfig(target), async (client) => {
    await client.query('SELECT 1');
  });
}

/** Sets the role's password when one is given and creates the database when it is missing. */
export async function applyClusterSetup(target: SocketTarget, setup: ClusterSetup): Promise<void> {
  await withClient(socketConfig(target), async (client) => {
    if (setup.password !== undefined) {
      await client.query(
        `ALTER ROLE ${escapeIdentifier(setup.user)} PASSWORD ${escapeLiteral(setup.password)}`,
      );
    }
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      setup.database,
    ]);
    if (existing.rowCount === 0) {
      await client.query(`CREATE DATABASE ${escapeIdentifier(setup.database)}`);
    }
  });
}

/** Connects over TCP with the connection string that callers get, to prove it works. */
export async function verifyConnectionString(connectionString: string): Promise<void> {
  await withClient({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }, (client) =>
    client.query('SELECT 1').then(() => undefined),
  );
}

function socketConfig(target: SocketTarget): ClientConfig {
  return {
    host: target.socketDir,
    port: target.port,
    user: target.user,
    database: 'postgres',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  };
}

async function withClient(
  config: ClientConfig,
  work: (client: Client) => Promise<void>,
): Promise<void> {
  const client = new Client(config);
  // A server that stops while this client is open makes it emit 'error', and the awaited query
  // already reports that failure.
  client.on('error', () => {});
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
