import { parseArgs } from 'node:util';
import { rolesProblem, subjectProblem } from './claim-problems';

const USAGE = `Usage: node gateway/dist/tools/issue-dev-token.js --sub <user id> [options]
  --sub <id>            token subject, forwarded to services as the user id (required)
  --roles <a,b>         comma-separated roles, e.g. admin (default: none)
  --ttl <seconds>       lifetime in seconds, at most 30 days (default: 3600)
  --private-key <file>  PEM private key, needed when the gateway verifies with public keys
  --kid <id>            key id to put in the header, for a JWKS with several keys`;

export interface Options {
  sub: string;
  roles: string[];
  ttlSeconds: number;
  privateKeyFile: string | undefined;
  kid: string | undefined;
}

/** Maximum lifetime of a development token: 30 days. */
const MAX_TTL_SECONDS = 30 * 24 * 3600;

function parseCommandLine(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        sub: { type: 'string' },
        roles: { type: 'string', default: '' },
        ttl: { type: 'string', default: '3600' },
        'private-key': { type: 'string' },
        kid: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

/**
 * Reads the tool's command-line arguments. A subject or role that the gateway would reject raises
 * a usage error, because a token carrying it could never be used.
 */
export function readOptions(args: string[]): Options {
  const { values } = parseCommandLine(args);
  if (values.help) throw new HelpRequested(USAGE);
  // Not trimmed: the token must carry the subject as typed, and the check explains a space at
  // either end instead of hiding it.
  const sub = values.sub;
  if (sub === undefined || sub === '') {
    throw new UsageError(`--sub is required and must not be empty\n${USAGE}`);
  }
  const subProblem = subjectProblem(sub);
  if (subProblem !== undefined) throw new UsageError(`--sub is invalid because ${subProblem}`);

  if (!/^\d+$/.test(values.ttl) || Number(values.ttl) < 1 || Number(values.ttl) > MAX_TTL_SECONDS) {
    throw new UsageError(
      `--ttl must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}, got "${values.ttl}"`,
    );
  }
  const roles = (values.roles ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role.length > 0);
  const roleProblem = rolesProblem(roles);
  if (roleProblem !== undefined) throw new UsageError(`--roles is invalid because ${roleProblem}`);

  return {
    sub,
    roles,
    ttlSeconds: Number(values.ttl),
    privateKeyFile: values['private-key'],
    kid: values.kid,
  };
}

/** `--help`: the usage text goes to stdout and the exit status is 0. */
export class HelpRequested extends Error {}

/** Invalid arguments: the message goes to stderr and the exit status is 2. */
export class UsageError extends Error {}
