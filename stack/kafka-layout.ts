/**
 * How many Kafka brokers the local stack runs: one combined broker+controller node (the default), or three
 * (`stack up --brokers 3`, or EDREFLECT_STACK_KAFKA_BROKERS=3), each both broker and controller, with a
 * three-voter KRaft quorum on loopback. The two layouts keep their data in different folders, so switching
 * between them never mixes a one-voter and a three-voter log.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StackError } from '../core/errors';
import type { StackPaths, StackPorts } from './paths';
import { STACK_HOST } from './paths';
import type { ServiceName } from './service';

export const KAFKA_BROKERS_SETTING = 'EDREFLECT_STACK_KAFKA_BROKERS';

export type KafkaBrokerCount = 1 | 3;
const COUNTS: readonly KafkaBrokerCount[] = [1, 3];

/** The count asked for: `explicit` (the --brokers flag), else EDREFLECT_STACK_KAFKA_BROKERS, else undefined. */
export function requestedBrokerCount(
  env: NodeJS.ProcessEnv = process.env,
  explicit?: string,
): KafkaBrokerCount | undefined {
  const [raw, origin] =
    explicit !== undefined ? [explicit, '--brokers'] : [env[KAFKA_BROKERS_SETTING], KAFKA_BROKERS_SETTING];
  if (raw === undefined || raw === '') return undefined;
  const count = Number(raw);
  if (!COUNTS.includes(count as KafkaBrokerCount)) {
    throw new StackError(`${origin} must be 1 or 3 (got "${raw}")`);
  }
  return count as KafkaBrokerCount;
}

/** One node of the three-broker layout. */
export interface KafkaClusterNode {
  /** Its KRaft node.id (and broker id): 1, 2 or 3. */
  readonly id: 1 | 2 | 3;
  readonly name: ServiceName;
  readonly port: number;
  readonly controllerPort: number;
  /** Its SASL_SSL listener (every node has one: a client of that listener must reach every leader). */
  readonly saslPort: number;
  /** Its own folder: configuration, data, markers. */
  readonly dir: string;
  /** controller.quorum.voters, the same on every node. */
  readonly voters: string;
  /** The cluster id every node is formatted with (created once, on the first format). */
  readonly clusterId: (create: () => Promise<string>) => Promise<string>;
}

export function kafkaClusterDir(paths: StackPaths): string {
  return path.join(paths.stack, 'kafka-cluster');
}

export function kafkaClusterNodes(paths: StackPaths, ports: StackPorts): KafkaClusterNode[] {
  const dir = kafkaClusterDir(paths);
  const plan = [
    {
      id: 1,
      name: 'kafka',
      port: ports.kafka,
      controllerPort: ports.kafkaController,
      saslPort: ports.kafkaSasl,
    },
    {
      id: 2,
      name: 'kafka-2',
      port: ports.kafka2,
      controllerPort: ports.kafka2Controller,
      saslPort: ports.kafka2Sasl,
    },
    {
      id: 3,
      name: 'kafka-3',
      port: ports.kafka3,
      controllerPort: ports.kafka3Controller,
      saslPort: ports.kafka3Sasl,
    },
  ] as const;
  const voters = plan.map((n) => `${n.id}@${STACK_HOST}:${n.controllerPort}`).join(',');
  const clusterId = sharedClusterId(path.join(dir, 'cluster-id'));
  return plan.map((n) => ({ ...n, dir: path.join(dir, `node-${n.id}`), voters, clusterId }));
}

/** Reads the cluster id file, or creates it once (the three nodes start at the same time). */
function sharedClusterId(file: string): KafkaClusterNode['clusterId'] {
  let pending: Promise<string> | undefined;
  return (create) => {
    pending ??= (async () => {
      if (existsSync(file)) return readFileSync(file, 'utf8').trim();
      const id = (await create()).trim();
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${id}\n`);
      return id;
    })().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}
