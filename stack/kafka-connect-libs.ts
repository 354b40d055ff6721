/**
 * The jars of the bench's peer: Kafka Connect's runtime and the MongoDB Kafka sink connector with their
 * runtime dependencies, resolved by Maven from Maven Central into one folder of the download cache (like the
 * broker's jars), with slf4j bound to reload4j so Connect's log4j configuration applies.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../core/logger';
import { installOnce } from './cache';
import type { RunCommand } from './command';
import type { StackPaths } from './paths';
import {
  KAFKA_CONNECT_JACKSON_VERSION,
  KAFKA_CONNECT_VERSION,
  MONGO_KAFKA_CONNECT_VERSION,
  SLF4J_RELOAD4J_VERSION,
} from './versions';

/** The cache folder holding the jars (one `libs/` folder: the classpath is `libs/*`). */
export function kafkaConnectHome(paths: StackPaths): string {
  return path.join(
    paths.cache,
    `kafka-connect-${KAFKA_CONNECT_VERSION}-mongo-sink-${MONGO_KAFKA_CONNECT_VERSION}`,
  );
}

/** Fetches the jars once (a no-op when the cache has them) and returns the folder holding them. */
export async function installKafkaConnectLibs({
  paths,
  run,
  logger,
}: {
  paths: StackPaths;
  run: RunCommand;
  logger: Logger;
}): Promise<string> {
  const home = kafkaConnectHome(paths);
  await installOnce(home, {
    logger,
    what: `connect-runtime ${KAFKA_CONNECT_VERSION} + mongo-kafka-connect ${MONGO_KAFKA_CONNECT_VERSION} (mvn)`,
    build: async (scratch) => {
      const pom = path.join(scratch, 'pom.xml');
      writeFileSync(pom, connectPom());
      const args = ['-q', '-B', '-Dstyle.color=never', '-f', pom, 'dependency:copy-dependencies'];
      args.push(`-DoutputDirectory=${path.join(scratch, 'libs')}`, '-DincludeScope=runtime');
      await run('mvn', args);
    },
  });
  return path.join(home, 'libs');
}

function connectPom(): string {
  const dependency = (groupId: string, artifactId: string, version: string): string =>
    `      <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.edreflect.bench</groupId>
  <artifactId>kafka-connect-mongo-sink-libs</artifactId>
  <version>${MONGO_KAFKA_CONNECT_VERSION}</version>
  <packaging>pom</packaging>
  <dependencyManagement>
    <dependencies>
${dependency('com.fasterxml.jackson.core', 'jackson-core', KAFKA_CONNECT_JACKSON_VERSION)}
    </dependencies>
  </dependencyManagement>
  <dependencies>
${dependency('org.apache.kafka', 'connect-runtime', KAFKA_CONNECT_VERSION)}
${dependency('org.mongodb.kafka', 'mongo-kafka-connect', MONGO_KAFKA_CONNECT_VERSION)}
${dependency('org.slf4j', 'slf4j-reload4j', SLF4J_RELOAD4J_VERSION)}
  </dependencies>
</project>
`;
}
