/** What every server of the local stack provides to the orchestration in stack.ts. */
import path from 'node:path';
import type { Logger } from '../core/logger';
import type { StackPaths } from './paths';

/** kafka-2 and kafka-3 exist in the three-broker layout only (`stack up --brokers 3`). */
export type ServiceName = 'kafka' | 'kafka-2' | 'kafka-3' | 'registry' | 'postgres' | 'mongodb' | 'ftp';

export interface ServiceStatus {
  name: ServiceName;
  running: boolean;
  pid?: number;
  port: number;
  detail?: string;
}

export interface Service {
  readonly name: ServiceName;
  /** The port clients use. */
  readonly port: number;
  /** Other loopback ports it listens on (must be free before it starts). */
  readonly otherPorts: readonly number[];
  readonly probeTimeoutMs: number;
  /** How long SIGTERM may take before SIGKILL. */
  readonly stopGraceMs: number;
  /** Services that must answer before this one starts (FerretDB on PostgreSQL). */
  readonly dependsOn?: readonly ServiceName[];
  readonly logFile: string;
  readonly pidFile: string;
  /** Puts missing binaries into the download cache (idempotent, quick when already there). */
  install(logger: Logger): Promise<void>;
  /** Writes its configuration, prepares its data folder and spawns it detached; resolves with the pid. */
  start(logger: Logger): Promise<number>;
  /** One attempt of a real protocol exchange; throws when the server does not answer properly yet. */
  probe(logger: Logger): Promise<void>;
  /** Whether a live process's command line is this service as the stack started it. */
  isOurs(cmdline: string, pid: number): boolean;
}

/**
 * Log and pid file of a service: <stack>/logs/<name>.log and <stack>/run/<name>.pid (`name` may differ from
 * the service's: node 1 of the three-broker layout is the service "kafka" with files named kafka-1).
 */
export function serviceFiles(
  paths: StackPaths,
  name: ServiceName | 'kafka-1',
): { logFile: string; pidFile: string } {
  return { logFile: path.join(paths.logs, `${name}.log`), pidFile: path.join(paths.run, `${name}.pid`) };
}
