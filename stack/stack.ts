/**
 * The local stack: real Kafka, Apicurio Registry, FerretDB and ProFTPD servers on loopback, installed into
 * a download cache, started detached, probed with their real protocols, and stopped by pid file.
 */
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorMessage, StackError } from '../core/errors';
import type { Logger } from '../core/logger';
import { createSerializer, runCommand } from './command';
import { kafkaClusterNodes, requestedBrokerCount, type KafkaBrokerCount } from './kafka-layout';
import { withStackLock } from './lock';
import type { StackPaths, StackPorts } from './paths';
import { repoRoot, stackPaths, stackPorts, STACK_HOST } from './paths';
import { isPortOpen, retryUntil } from './probe';
import { isAlive, killNow, ownedPid, readPidFile, removePidFile, terminate } from './process';
import type { Service, ServiceName, ServiceStatus } from './service';
import { createFtpService, ftpLayout, ftpUrl } from './services/ftp';
import { createKafkaService } from './services/kafka';
import {
  KAFKA_SASL_MECHANISM,
  KAFKA_SASL_PASSWORD,
  KAFKA_SASL_USER,
  kafkaSaslLayout,
} from './services/kafka-sasl';
import { kafkaTlsLayout } from './services/kafka-tls';
import { mongoBackend } from './mongo-backend';
import { createMongodbService, mongodbUri } from './services/mongodb';
import { createPostgresService, outsidePostgresDir } from './services/postgres';
import { createRegistryService, registryUrl } from './services/registry';

export type { ServiceName, ServiceStatus } from './service';

interface Stack {
  readonly paths: StackPaths;
  /** 1, or 3 for the three-broker layout. */
  readonly brokers: KafkaBrokerCount;
  readonly services: readonly Service[];
  /** The Kafka nodes of the other layout: stopped by `up` and `down`, so that only one layout runs. */
  readonly otherKafka: readonly Service[];
}

/**
 * `brokers`: the Kafka layout asked for (the --brokers flag, else EDREFLECT_STACK_KAFKA_BROKERS); when
 * neither says, `up` uses one broker and every other action the layout that is running.
 */
function createStack(env: NodeJS.ProcessEnv = process.env, brokers?: KafkaBrokerCount): Stack {
  const paths = stackPaths(env);
  const ports = stackPorts(env);
  const run = runCommand;
  const serialMaven = createSerializer();
  const single = [kafkaSingle(paths, ports, serialMaven)];
  const cluster = kafkaCluster(paths, ports, serialMaven);
  const count = brokers ?? requestedBrokerCount(env) ?? runningLayout(cluster);
  const backend = mongoBackend(env);
  return {
    paths,
    brokers: count,
    services: [
      ...(count === 3 ? cluster : single),
      createRegistryService({
        paths,
        port: ports.registry,
        managementPort: ports.registryManagement,
        run,
        serialMaven,
      }),
      ...(backend === 'postgresql' ? [createPostgresService({ paths, port: ports.postgres, run })] : []),
      createMongodbService({
        paths,
        port: ports.mongodb,
        debugPort: ports.mongodbDebug,
        backend,
        postgresPort: ports.postgres,
        run,
      }),
      createFtpService({ paths, ports, run }),
    ],
    otherKafka: count === 3 ? single : cluster,
  };
}

type SerialMaven = <T>(task: () => Promise<T>) => Promise<T>;

function kafkaSingle(paths: StackPaths, ports: StackPorts, serialMaven: SerialMaven): Service {
  return createKafkaService({
    paths,
    port: ports.kafka,
    controllerPort: ports.kafkaController,
    saslPort: ports.kafkaSasl,
    run: runCommand,
    serialMaven,
  });
}

function kafkaCluster(paths: StackPaths, ports: StackPorts, serialMaven: SerialMaven): Service[] {
  return kafkaClusterNodes(paths, ports).map((node) =>
    createKafkaService({
      paths,
      port: node.port,
      controllerPort: node.controllerPort,
      saslPort: node.saslPort,
      run: runCommand,
      serialMaven,
      node,
    }),
  );
}

/** 3 when any node of the three-broker layout is running, else 1. */
function runningLayout(cluster: readonly Service[]): KafkaBrokerCount {
  return cluster.some((s) => ownedPid(s.pidFile, s.isOurs) !== undefined) ? 3 : 1;
}

function pick(stack: Stack, name: ServiceName): Service {
  const service = stack.services.find((s) => s.name === name);
  if (service === undefined) {
    const why = name === 'kafka-2' || name === 'kafka-3' ? ' (it runs only with stack up --brokers 3)' : '';
    throw new StackError(`no stack service named "${String(name)}"${why}`);
  }
  return service;
}

/** Installs what is missing, starts what is not running and waits until every server really answers. */
export async function stackUp({
  logger,
  brokers,
}: {
  logger: Logger;
  /** Kafka brokers: 1 or 3; default EDREFLECT_STACK_KAFKA_BROKERS, else 1. */
  brokers?: KafkaBrokerCount;
}): Promise<ServiceStatus[]> {
  const stack = createStack(process.env, brokers ?? requestedBrokerCount() ?? 1);
  logger.info('stack: up', {
    stackDir: stack.paths.stack,
    cacheDir: stack.paths.cache,
    ...(stack.brokers === 1 ? {} : { kafkaBrokers: stack.brokers }),
  });
  await withStackLock(stack.paths.run, logger, async () => {
    await Promise.all(stack.otherKafka.map((service) => stop(service, logger)));
    const ready = new Map<ServiceName, Promise<void>>();
    for (const service of stack.services) {
      const before = (service.dependsOn ?? []).map((name) => ready.get(name) ?? Promise.resolve());
      ready.set(
        service.name,
        Promise.all(before).then(() => bringUp(stack, service, logger)),
      );
    }
    const results = await Promise.allSettled(ready.values());
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [errorMessage(r.reason)] : []));
    if (failures.length > 0) throw new StackError(`stack up failed:\n${failures.join('\n\n')}`);
  });
  return Promise.all(stack.services.map(statusOf));
}

/** Stops the servers the stack started (by pid file, after checking the process is really ours). */
export async function stackDown({ logger }: { logger: Logger }): Promise<ServiceStatus[]> {
  const stack = createStack();
  await withStackLock(stack.paths.run, logger, () =>
    Promise.all([...stack.services, ...stack.otherKafka].map((service) => stop(service, logger))).then(
      () => undefined,
    ),
  );
  return Promise.all(stack.services.map(statusOf));
}

export async function stackStatus(env: NodeJS.ProcessEnv = process.env): Promise<ServiceStatus[]> {
  return Promise.all(createStack(env).services.map(statusOf));
}

/** How many Kafka brokers the stack runs (or would run): 1, or 3 for the three-broker layout. */
export function stackKafkaBrokers(): KafkaBrokerCount {
  return createStack().brokers;
}

/** Down, then delete the stack folder (data, logs, configuration, certificate); the download cache stays. */
export async function stackReset({ logger }: { logger: Logger }): Promise<void> {
  const { paths } = createStack();
  const forbidden = [path.parse(paths.stack).root, os.homedir(), repoRoot(), paths.cache];
  if (forbidden.includes(paths.stack)) {
    throw new StackError(`refusing to delete ${paths.stack}: set EDREFLECT_STACK_DIR to a folder of its own`);
  }
  await stackDown({ logger });
  rmSync(paths.stack, { recursive: true, force: true });
  rmSync(path.dirname(outsidePostgresDir(paths)), { recursive: true, force: true });
  logger.info('stack: reset', { deleted: paths.stack });
}

/** Starts one server (installing it if needed) and waits until it answers. */
export async function startService(
  name: ServiceName,
  { logger }: { logger: Logger },
): Promise<ServiceStatus> {
  const stack = createStack();
  const service = pick(stack, name);
  await withStackLock(stack.paths.run, logger, () => bringUp(stack, service, logger));
  return statusOf(service);
}

/** Stops one server the stack started; does nothing when it is not running. */
export async function stopService(name: ServiceName, { logger }: { logger: Logger }): Promise<ServiceStatus> {
  const stack = createStack();
  const service = pick(stack, name);
  await withStackLock(stack.paths.run, logger, () => stop(service, logger));
  return statusOf(service);
}

/**
 * SIGKILLs one server the stack started, at once (no shutdown hook runs: a crash, for fault tests);
 * resolves with the pid it killed. Fails when the server is not running.
 */
export async function killService(name: ServiceName): Promise<number> {
  const service = pick(createStack(), name);
  const pid = ownedPid(service.pidFile, service.isOurs);
  if (pid === undefined) throw new StackError(`${name} is not running: nothing to kill`);
  await killNow(pid);
  return pid;
}

/** The settings that point the connector (and tests) at the local stack. */
export function stackEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const paths = stackPaths(env);
  const ports = stackPorts(env);
  const ftp = ftpLayout(paths);
  const cluster = stackKafkaBrokers() === 3;
  const kafkaPorts = cluster ? [ports.kafka, ports.kafka2, ports.kafka3] : [ports.kafka];
  const saslPorts = cluster ? [ports.kafkaSasl, ports.kafka2Sasl, ports.kafka3Sasl] : [ports.kafkaSasl];
  const brokerList = (list: number[]): string => list.map((port) => `${STACK_HOST}:${port}`).join(',');
  return {
    KAFKA_BROKERS: brokerList(kafkaPorts),
    SCHEMA_REGISTRY_URL: registryUrl(ports.registry),
    MONGODB_URI: mongodbUri(ports.mongodb),
    EDREFLECT_FTP_URL: ftpUrl(ports.ftp),
    EDREFLECT_FTP_ROOT: ftp.root,
    EDREFLECT_FTP_CA_FILE: ftp.certFile,
    // The SASL_SSL listener: KAFKA_BROKERS, KAFKA_SSL_CA_FILE and the KAFKA_SASL_* settings of a secure client.
    EDREFLECT_STACK_KAFKA_SASL_BROKERS: brokerList(saslPorts),
    EDREFLECT_STACK_KAFKA_CA_FILE: kafkaTlsLayout(paths).caFile,
    EDREFLECT_STACK_KAFKA_SASL_MECHANISM: KAFKA_SASL_MECHANISM.toLowerCase(),
    EDREFLECT_STACK_KAFKA_SASL_USERNAME: KAFKA_SASL_USER,
    EDREFLECT_STACK_KAFKA_SASL_PASSWORD: KAFKA_SASL_PASSWORD,
    EDREFLECT_STACK_KAFKA_CLIENT_CONFIG: kafkaSaslLayout(paths).clientConfigFile,
  };
}

async function bringUp(stack: Stack, service: Service, logger: Logger): Promise<void> {
  const log = logger.child({ service: service.name });
  const started = Date.now();
  let pid = ownedPid(service.pidFile, service.isOurs);
  if (pid === undefined) {
    removePidFile(service.pidFile);
    for (const port of [service.port, ...service.otherPorts]) {
      if (await isPortOpen(port, STACK_HOST)) {
        throw new StackError(
          `${service.name}: port ${STACK_HOST}:${port} is in use by a process the stack did not start ` +
            `(stop it, or move the stack's ports with the EDREFLECT_STACK_*_PORT settings)`,
        );
      }
    }
    mkdirSync(stack.paths.logs, { recursive: true });
    await service.install(log);
    pid = await service.start(log);
    log.info('stack: started', { pid, port: service.port, log: service.logFile });
  } else {
    log.debug('stack: already running', { pid });
  }
  const alivePid = pid;
  await retryUntil(() => service.probe(log), {
    service: service.name,
    timeoutMs: service.probeTimeoutMs,
    logFile: service.logFile,
    alive: () => isAlive(alivePid),
  });
  log.info('stack: ready', {
    pid,
    port: service.port,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  });
}

async function stop(service: Service, logger: Logger): Promise<void> {
  const log = logger.child({ service: service.name });
  const pid = ownedPid(service.pidFile, service.isOurs);
  if (pid === undefined) {
    const stale = readPidFile(service.pidFile);
    if (stale !== undefined)
      log.info('stack: pid file names no process of the stack; removed it', { pid: stale });
    removePidFile(service.pidFile);
    return;
  }
  const how = await terminate(pid, { graceMs: service.stopGraceMs });
  removePidFile(service.pidFile);
  log.info(`stack: ${how}`, { pid });
}

async function statusOf(service: Service): Promise<ServiceStatus> {
  const pid = ownedPid(service.pidFile, service.isOurs);
  const open = await isPortOpen(service.port, STACK_HOST);
  const base = { name: service.name, port: service.port };
  if (pid !== undefined) {
    return open
      ? { ...base, running: true, pid, detail: `listening on ${STACK_HOST}:${service.port}` }
      : { ...base, running: false, pid, detail: `process alive but ${STACK_HOST}:${service.port} is closed` };
  }
  return open
    ? {
        ...base,
        running: false,
        detail: `port ${service.port} is in use by a process the stack did not start`,
      }
    : { ...base, running: false, detail: 'stopped' };
}
