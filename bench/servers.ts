/**
 * The real servers the bench runs against: those the environment names (as `eval "$(edreflect stack env)"`
 * sets them), or else the local stack, started if it is not running.
 */
import type { Logger } from '../core/logger';
import { STACK_HOST, stackPorts } from '../stack/paths';
import { stackEnv, stackUp } from '../stack/stack';
import { ConfigError, StackError } from '../core/errors';

export interface Servers {
  readonly kafkaBrokers: string;
  readonly registryUrl: string;
  readonly mongoUri: string;
  readonly ftpUrl: string;
  readonly ftpRoot: string;
  readonly ftpCaFile: string;
  /**
   * FerretDB's debug address (its command counters), from EDREFLECT_STACK_MONGO_DEBUG_PORT: the local
   * stack's, which is the server of MONGODB_URI unless the environment names another one.
   */
  readonly mongoDebugUrl: string;
  /** The variables above under their environment names, for the child processes. */
  readonly env: Readonly<Record<string, string>>;
}

const NAMES = [
  'KAFKA_BROKERS',
  'SCHEMA_REGISTRY_URL',
  'MONGODB_URI',
  'EDREFLECT_FTP_URL',
  'EDREFLECT_FTP_ROOT',
  'EDREFLECT_FTP_CA_FILE',
] as const;

export async function findServers(logger: Logger, say: (line: string) => void): Promise<Servers> {
  const given = (name: string): string | undefined => {
    const v = process.env[name];
    return v === undefined || v === '' ? undefined : v;
  };
  let env: Record<string, string>;
  if (NAMES.every((n) => given(n) !== undefined)) {
    env = Object.fromEntries(NAMES.map((n) => [n, given(n)!]));
  } else {
    say('the environment does not name the servers: using the local stack (edreflect stack up)');
    const services = await stackUp({ logger });
    const down = services.filter((s) => !s.running).map((s) => s.name);
    if (down.length > 0) throw new StackError(`stack services down: ${down.join(', ')}`);
    env = stackEnv();
  }
  const get = (name: (typeof NAMES)[number]): string => {
    const v = env[name];
    if (v === undefined) throw new ConfigError(`${name} is not set`);
    return v;
  };
  return {
    kafkaBrokers: get('KAFKA_BROKERS'),
    registryUrl: get('SCHEMA_REGISTRY_URL'),
    mongoUri: get('MONGODB_URI'),
    ftpUrl: get('EDREFLECT_FTP_URL'),
    ftpRoot: get('EDREFLECT_FTP_ROOT'),
    ftpCaFile: get('EDREFLECT_FTP_CA_FILE'),
    mongoDebugUrl: `http://${STACK_HOST}:${stackPorts().mongodbDebug}`,
    env,
  };
}

/** The FTPS address of a folder on the FTP server. Built as a string: the URL standard silently refuses to
 * change the special scheme ftp: into ftps: through `url.protocol`. */
export function ftpsUrl(ftpUrl: string, folder: string): string {
  return `${ftpUrl.replace(/^ftps?:/i, 'ftps:').replace(/\/+$/, '')}/${folder}`;
}
