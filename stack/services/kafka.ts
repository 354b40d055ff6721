/**
 * Kafka: the broker jars from Maven Central, run as one KRaft node that is both broker and controller,
 * with every internal topic (offsets, transaction state) at replication factor 1. With `node` it is one
 * of the three nodes of the three-broker layout (stack/kafka-layout.ts): a three-voter quorum, internal
 * topics at replication factor 3 with two in sync, and a SASL_SSL listener of its own (same certificate).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunCommand } from '../command';
import { installOnce } from '../cache';
import type { KafkaClusterNode } from '../kafka-layout';
import type { StackPaths } from '../paths';
import { STACK_HOST } from '../paths';
import { ProbeGaveUp } from '../probe';
import { spawnDetached } from '../process';
import type { JavaRuntime } from '../java';
import { findJava } from '../java';
import type { Service } from '../service';
import { serviceFiles } from '../service';
import { KAFKA_MIN_JAVA, KAFKA_SCALA_VERSION, KAFKA_VERSION, SLF4J_RELOAD4J_VERSION } from '../versions';
import { probeClusterMember, probeKafka } from './kafka-probe';
import {
  KAFKA_SASL_MECHANISM,
  ensureScramUser,
  kafkaSaslLayout,
  markScramUserCreated,
  scramFormatArgs,
  writeClientConfig,
} from './kafka-sasl';
import { probeKafkaSasl } from './kafka-sasl-probe';
import { ensureKafkaTls, kafkaTlsLayout, type KafkaTlsLayout } from './kafka-tls';

export function createKafkaService({
  paths,
  port,
  controllerPort,
  saslPort,
  run,
  serialMaven,
  node,
  java = () => findJava({ minMajor: KAFKA_MIN_JAVA, settingName: 'EDREFLECT_STACK_KAFKA_JAVA_HOME' }),
}: {
  paths: StackPaths;
  port: number;
  controllerPort: number;
  /** The SASL_SSL (SCRAM-SHA-512) client listener. */
  saslPort: number;
  run: RunCommand;
  serialMaven: <T>(task: () => Promise<T>) => Promise<T>;
  /** A node of the three-broker layout; absent: the one-broker stack. */
  node?: KafkaClusterNode;
  /** Resolved at start, so that status and env work without a Java. */
  java?: () => JavaRuntime;
}): Service {
  const home = path.join(paths.cache, `kafka-${KAFKA_VERSION}`);
  const classpath = path.join(home, 'libs', '*');
  const name = node?.name ?? 'kafka';
  const dir = node?.dir ?? path.join(paths.stack, 'kafka');
  const dataDir = path.join(dir, 'data');
  const serverProperties = path.join(dir, 'server.properties');
  const log4jProperties = path.join(dir, 'log4j.properties');
  // Files of their own, so that a layout's pid file never names the other layout's broker.
  const files = serviceFiles(paths, node === undefined ? 'kafka' : `kafka-${node.id}`);
  const javaArgs = [`-Dlog4j.configuration=file:${log4jProperties}`, '-cp', classpath];
  const tls = kafkaTlsLayout(paths);
  // Each layout records in its own folder whether its metadata holds the SCRAM user.
  const sasl = { ...kafkaSaslLayout(paths), markerFile: path.join(dir, 'scram-user-created') };
  const quorum: BrokerQuorum =
    node === undefined
      ? { nodeId: 1, voters: `1@${STACK_HOST}:${controllerPort}`, replicas: 1 }
      : { nodeId: node.id, voters: node.voters, replicas: 3 };
  const runJavaClass = (mainClass: string, ...args: string[]): Promise<string> =>
    run(java().java, [...javaArgs, mainClass, ...args]);

  return {
    name,
    port,
    otherPorts: [controllerPort, saslPort],
    // Three JVMs electing a quorum on a busy machine take longer than one.
    probeTimeoutMs: node === undefined ? 90_000 : 240_000,
    stopGraceMs: 30_000,
    ...files,

    install: (logger) =>
      installOnce(home, {
        logger,
        what: `kafka_${KAFKA_SCALA_VERSION} ${KAFKA_VERSION} (mvn)`,
        build: async (scratch) => {
          const pom = path.join(scratch, 'pom.xml');
          writeFileSync(pom, brokerPom());
          const args = ['-q', '-B', '-Dstyle.color=never', '-f', pom, 'dependency:copy-dependencies'];
          args.push(`-DoutputDirectory=${path.join(scratch, 'libs')}`, '-DincludeScope=runtime');
          await serialMaven(() => run('mvn', args));
        },
      }),

    async start(logger) {
      const { java: javaBin, home: javaHome } = java();
      logger.debug('stack: java for kafka', { javaHome });
      mkdirSync(dataDir, { recursive: true });
      await ensureKafkaTls(tls, { run, logger });
      writeFileSync(serverProperties, brokerConfig({ port, controllerPort, saslPort, quorum, dataDir, tls }));
      writeFileSync(log4jProperties, LOG4J_CONFIG);
      writeClientConfig(sasl, paths);
      if (!existsSync(path.join(dataDir, 'meta.properties'))) {
        const storageTool = (...args: string[]) =>
          run(javaBin, [...javaArgs, 'kafka.tools.StorageTool', ...args]);
        const randomUuid = () => storageTool('random-uuid');
        const clusterId = (await (node === undefined ? randomUuid() : node.clusterId(randomUuid))).trim();
        logger.info('stack: formatting Kafka storage', { clusterId, dataDir });
        // prettier-ignore
        await storageTool(
          'format', '-t', clusterId, '-c', serverProperties, '--ignore-formatted', ...scramFormatArgs(),
        );
        markScramUserCreated(sasl);
      }
      return spawnDetached({
        command: javaBin,
        args: [
          '-Xms256m',
          '-Xmx512m',
          '-Djava.awt.headless=true',
          ...javaArgs,
          'kafka.Kafka',
          serverProperties,
        ],
        ...files,
        cwd: dir,
      });
    },

    async probe(logger) {
      const plainBroker = `${STACK_HOST}:${port}`;
      if (node !== undefined) {
        await probeClusterMember({ broker: plainBroker, nodeId: node.id, brokers: 3, logger });
      }
      // One node of the cluster proves transactions and read_committed for all of them.
      if (quorum.nodeId === 1) {
        await probeKafka({ brokers: [plainBroker], logger, replicationFactor: quorum.replicas });
      }
      if (!readFileSync(serverProperties, 'utf8').includes('SASL_SSL://')) {
        // This broker was started (and is still running) with the configuration of an older stack.
        throw new ProbeGaveUp(
          `the running Kafka broker was started without the SASL_SSL listener on port ${saslPort}: restart it with "edreflect stack stop kafka" then "edreflect stack up"`,
        );
      }
      await ensureScramUser(sasl, { plainBroker, runJavaClass, logger });
      await probeKafkaSasl({ port: saslPort, caFile: tls.caFile, logger });
    },

    isOurs: (cmdline) => cmdline.includes('kafka.Kafka') && cmdline.includes(serverProperties),
  };
}

function brokerPom(): string {
  const dependency = (groupId: string, artifactId: string, version: string): string =>
    `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.edreflect.stack</groupId>
  <artifactId>kafka-broker-libs</artifactId>
  <version>${KAFKA_VERSION}</version>
  <packaging>pom</packaging>
  <dependencies>
${dependency('org.apache.kafka', `kafka_${KAFKA_SCALA_VERSION}`, KAFKA_VERSION)}
${dependency('org.slf4j', 'slf4j-reload4j', SLF4J_RELOAD4J_VERSION)}
  </dependencies>
</project>
`;
}

/** The node's place in the KRaft quorum, and how many copies the internal topics keep. */
interface BrokerQuorum {
  readonly nodeId: number;
  readonly voters: string;
  /** 1 (one broker) or 3 (three brokers: two copies must be in sync). */
  readonly replicas: number;
}

function brokerConfig({
  port,
  controllerPort,
  saslPort,
  quorum,
  dataDir,
  tls,
}: {
  port: number;
  controllerPort: number;
  saslPort: number;
  quorum: BrokerQuorum;
  dataDir: string;
  tls: KafkaTlsLayout;
}) {
  const mechanism = KAFKA_SASL_MECHANISM.toLowerCase();
  const plain = `PLAINTEXT://${STACK_HOST}:${port}`;
  const secure = `SASL_SSL://${STACK_HOST}:${saslPort}`;
  const controller = `CONTROLLER://${STACK_HOST}:${controllerPort}`;
  const replicas = quorum.replicas;
  const inSync = Math.max(1, replicas - 1);
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': quorum.nodeId,
    'controller.quorum.voters': quorum.voters,
    listeners: [plain, secure, controller].join(','),
    'advertised.listeners': [plain, secure].join(','),
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT',
    // The second client listener: TLS with the stack's CA, SCRAM users stored in the cluster metadata.
    'listener.name.sasl_ssl.sasl.enabled.mechanisms': KAFKA_SASL_MECHANISM,
    [`listener.name.sasl_ssl.${mechanism}.sasl.jaas.config`]:
      'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'listener.name.sasl_ssl.ssl.keystore.type': 'PEM',
    'listener.name.sasl_ssl.ssl.keystore.location': tls.keystoreFile,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': dataDir,
    'num.partitions': 1,
    'default.replication.factor': replicas,
    'auto.create.topics.enable': false,
    'offsets.topic.replication.factor': replicas,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': replicas,
    'transaction.state.log.min.isr': inSync,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': replicas,
    'share.coordinator.state.topic.min.isr': inSync,
    'group.initial.rebalance.delay.ms': 0,
    'min.insync.replicas': inSync,
  };
  const lines = Object.entries(settings).map(([key, value]) => `${key}=${String(value)}`);
  return `# Written by the edreflect local stack at every start: edit stack/services/kafka.ts instead.\n${lines.join('\n')}\n`;
}

/** Warnings and errors only, plus the lines that say the server started or stopped; to stdout (the log file). */
const LOG4J_CONFIG = `log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.logger.kafka.Kafka=INFO
`;
