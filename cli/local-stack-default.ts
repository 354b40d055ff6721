/**
 * The local stack as the default servers. When no server setting is given anywhere (environment, `_FILE`,
 * configuration file) and the local stack of this clone (EDREFLECT_STACK_DIR) is running, a command uses the
 * stack's settings, as `edreflect stack env` prints them, and says so in one log line. When the stack is not
 * running, a configuration error gets the two commands that fix it. A server setting given anywhere wins:
 * then nothing is filled in, and a missing one is reported as before.
 */
import { resolveSettings } from '../core/config';
import { ConfigError } from '../core/errors';
import type { Logger } from '../core/logger';
import { SETTINGS, type SettingName } from '../core/settings';
import { stackDir, stackPorts, STACK_HOST } from '../stack/paths';
import { stackEnv, stackStatus } from '../stack/stack';

/** The settings that name a server; the local stack fills them in only when none of them is given. */
export const SERVER_SETTINGS: readonly SettingName[] = ['kafkaBrokers', 'registryUrl', 'mongoUri'];

/** The services a command needs from the stack (its FTP server only serves the demo's and tests' drops). */
const NEEDED_SERVICES = ['kafka', 'registry', 'mongodb'];

export const LOCAL_STACK_HINT =
  'no server setting is given and the local stack is not running: start it with `npx edreflect stack up` ' +
  'and point the settings at it with `eval "$(npx edreflect stack env)"` (or set KAFKA_BROKERS, ' +
  'SCHEMA_REGISTRY_URL and MONGODB_URI)';

export type LocalStackOutcome =
  /** Some server setting is given: the settings are used as they are. */
  | { readonly kind: 'given' }
  /** None was given and the stack runs: its settings were put into the environment. */
  | { readonly kind: 'stack'; readonly settings: Record<string, string> }
  /** None was given and the stack does not run. */
  | { readonly kind: 'absent' };

/** True when any server setting is given, by variable, `_FILE` or the configuration file (or given wrongly). */
export function serverSettingGiven(env: NodeJS.ProcessEnv = process.env): boolean {
  const { missing } = resolveSettings(SERVER_SETTINGS, env);
  return missing.length < SERVER_SETTINGS.length;
}

/** True when the stack's Kafka, registry and MongoDB are processes of this stack, listening. */
export async function localStackRunning(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  try {
    const services = await stackStatus(env);
    return NEEDED_SERVICES.every((name) => services.some((s) => s.name === name && s.running));
  } catch {
    // Unusable stack port settings: there is no stack to fall back on.
    return false;
  }
}

/**
 * The stack's settings a command takes when none is given: its servers, and its FTP server's CA when the
 * org's folder (EDREFLECT_SOURCE) is on the stack's FTP server and no CA file is given.
 */
export function localStackSettings(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const printed = stackEnv(env);
  const settings: Record<string, string> = {};
  for (const name of SERVER_SETTINGS) {
    const value = printed[SETTINGS[name].env];
    if (value !== undefined) settings[SETTINGS[name].env] = value;
  }
  const { values, missing } = resolveSettings(['source', 'ftpCaFile'], env);
  const caFile = printed[SETTINGS.ftpCaFile.env];
  if (missing.includes('ftpCaFile') && onStackFtp(values.source, env) && caFile !== undefined)
    settings[SETTINGS.ftpCaFile.env] = caFile;
  return settings;
}

/** Fills in the stack's settings when no server setting is given and the stack runs (see the file's comment). */
export async function applyLocalStackDefault(
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LocalStackOutcome> {
  if (serverSettingGiven(env)) return { kind: 'given' };
  if (!(await localStackRunning(env))) return { kind: 'absent' };
  const settings = localStackSettings(env);
  Object.assign(env, settings);
  logger.info('using the local stack: no server setting is given', { stackDir: stackDir(env), ...settings });
  return { kind: 'stack', settings };
}

/** Runs a command with the local stack as its default; a configuration error then names the fix. */
export async function withLocalStackDefault<T>(
  logger: Logger,
  task: () => Promise<T>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  const outcome = await applyLocalStackDefault(logger, env);
  try {
    return await task();
  } catch (err) {
    if (outcome.kind === 'absent' && err instanceof ConfigError)
      throw new ConfigError(`${err.message}; ${LOCAL_STACK_HINT}`);
    throw err;
  }
}

function onStackFtp(source: string | undefined, env: NodeJS.ProcessEnv): boolean {
  if (source === undefined) return false;
  try {
    const url = new URL(source);
    return url.hostname === STACK_HOST && Number(url.port) === stackPorts(env).ftp;
  } catch {
    return false;
  }
}
