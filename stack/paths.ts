/**
 * Where the local stack keeps things and which loopback ports it uses. Everything can be moved with
 * environment variables, read at call time (tests may set them before calling).
 */
import os from 'node:os';
import path from 'node:path';
import { StackError } from '../core/errors';
import { packageRoot } from '../core/package-root';

export const STACK_HOST = '127.0.0.1';

/** The folder holding the connector's package.json (compiled code runs from dist/stack below it). */
export function repoRoot(): string {
  return packageRoot(__dirname);
}

/** Downloads and builds, shared by every clone: EDREFLECT_CACHE_DIR, default ~/.cache/edreflect. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['EDREFLECT_CACHE_DIR'];
  return path.resolve(dir !== undefined && dir !== '' ? dir : path.join(os.homedir(), '.cache', 'edreflect'));
}

/** Data, pid files, logs, configuration and certificate: EDREFLECT_STACK_DIR, default <repo root>/.stack. */
export function stackDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['EDREFLECT_STACK_DIR'];
  return path.resolve(dir !== undefined && dir !== '' ? dir : path.join(repoRoot(), '.stack'));
}

export interface StackPaths {
  readonly cache: string;
  readonly stack: string;
  /** Pid files. */
  readonly run: string;
  /** One log file per server (its stdout and stderr). */
  readonly logs: string;
}

export function stackPaths(env: NodeJS.ProcessEnv = process.env): StackPaths {
  const stack = stackDir(env);
  return { cache: cacheDir(env), stack, run: path.join(stack, 'run'), logs: path.join(stack, 'logs') };
}

export interface StackPorts {
  readonly kafka: number;
  readonly kafkaController: number;
  readonly registry: number;
  readonly registryManagement: number;
  readonly mongodb: number;
  readonly mongodbDebug: number;
  readonly ftp: number;
  readonly ftpPassiveFirst: number;
  readonly ftpPassiveLast: number;
  /** Kafka's second client listener: SASL_SSL with SCRAM-SHA-512. */
  readonly kafkaSasl: number;
  /** The client, controller and SASL_SSL ports of the second and third node of a three-broker stack (`--brokers 3`). */
  readonly kafka2: number;
  readonly kafka2Controller: number;
  readonly kafka2Sasl: number;
  readonly kafka3: number;
  readonly kafka3Controller: number;
  readonly kafka3Sasl: number;
  /** PostgreSQL, FerretDB's storage when the backend is postgresql. */
  readonly postgres: number;
}

const PORT_SETTINGS: Record<keyof StackPorts, [envName: string, fallback: number]> = {
  kafka: ['EDREFLECT_STACK_KAFKA_PORT', 39092],
  kafkaController: ['EDREFLECT_STACK_KAFKA_CONTROLLER_PORT', 39093],
  registry: ['EDREFLECT_STACK_REGISTRY_PORT', 38081],
  registryManagement: ['EDREFLECT_STACK_REGISTRY_MANAGEMENT_PORT', 38082],
  mongodb: ['EDREFLECT_STACK_MONGO_PORT', 37017],
  mongodbDebug: ['EDREFLECT_STACK_MONGO_DEBUG_PORT', 38088],
  ftp: ['EDREFLECT_STACK_FTP_PORT', 32121],
  ftpPassiveFirst: ['EDREFLECT_STACK_FTP_PASSIVE_FIRST', 32200],
  ftpPassiveLast: ['EDREFLECT_STACK_FTP_PASSIVE_LAST', 32260],
  kafkaSasl: ['EDREFLECT_STACK_KAFKA_SASL_PORT', 39094],
  kafka2: ['EDREFLECT_STACK_KAFKA_2_PORT', 39095],
  kafka2Controller: ['EDREFLECT_STACK_KAFKA_2_CONTROLLER_PORT', 39096],
  kafka2Sasl: ['EDREFLECT_STACK_KAFKA_2_SASL_PORT', 39097],
  kafka3: ['EDREFLECT_STACK_KAFKA_3_PORT', 39098],
  kafka3Controller: ['EDREFLECT_STACK_KAFKA_3_CONTROLLER_PORT', 39099],
  kafka3Sasl: ['EDREFLECT_STACK_KAFKA_3_SASL_PORT', 39100],
  postgres: ['EDREFLECT_STACK_POSTGRES_PORT', 35432],
};

export function stackPorts(env: NodeJS.ProcessEnv = process.env): StackPorts {
  const ports = {} as Record<keyof StackPorts, number>;
  for (const [key, [envName, fallback]] of Object.entries(PORT_SETTINGS) as [
    keyof StackPorts,
    [string, number],
  ][]) {
    const raw = env[envName];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < 1024 || value > 65535) {
      throw new StackError(`${envName} must be a port number between 1024 and 65535 (got "${raw}")`);
    }
    ports[key] = value;
  }
  if (ports.ftpPassiveLast < ports.ftpPassiveFirst) {
    throw new StackError(
      'EDREFLECT_STACK_FTP_PASSIVE_LAST must not be below EDREFLECT_STACK_FTP_PASSIVE_FIRST',
    );
  }
  return ports;
}
