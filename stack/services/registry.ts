/**
 * Apicurio Registry: the Quarkus distribution from Maven Central, with SQL storage on an H2 file database
 * in the stack folder, so schema ids survive restarts. Clients use its Confluent-compatible API.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { RunCommand } from '../command';
import { installOnce } from '../cache';
import type { StackPaths } from '../paths';
import { STACK_HOST } from '../paths';
import { spawnDetached } from '../process';
import type { JavaRuntime } from '../java';
import { findJava } from '../java';
import type { Service } from '../service';
import { serviceFiles } from '../service';
import { APICURIO_REGISTRY_MIN_JAVA, APICURIO_REGISTRY_VERSION } from '../versions';
import { StackError } from '../../core/errors';

export const REGISTRY_PROBE_SUBJECT = 'edreflect-stack-probe-value';
const PROBE_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'StackProbe',
  namespace: 'edreflect.stack',
  fields: [{ name: 'probe', type: 'string' }],
});

/** The Confluent-compatible API, as the schema registry client wants it. */
export function registryUrl(port: number): string {
  return `http://${STACK_HOST}:${port}/apis/ccompat/v7`;
}

export function createRegistryService({
  paths,
  port,
  managementPort,
  run,
  serialMaven,
  java = () =>
    findJava({ minMajor: APICURIO_REGISTRY_MIN_JAVA, settingName: 'EDREFLECT_STACK_REGISTRY_JAVA_HOME' }),
}: {
  paths: StackPaths;
  port: number;
  managementPort: number;
  run: RunCommand;
  serialMaven: <T>(task: () => Promise<T>) => Promise<T>;
  /** Resolved at start, so that status and env work without a Java. */
  java?: () => JavaRuntime;
}): Service {
  const home = path.join(paths.cache, `apicurio-registry-${APICURIO_REGISTRY_VERSION}`);
  const dir = path.join(paths.stack, 'registry');
  const dbDir = path.join(dir, 'db');
  const tmpDir = path.join(dir, 'tmp');
  const files = serviceFiles(paths, 'registry');
  const settings: Record<string, string | number> = {
    'quarkus.http.host': STACK_HOST,
    'quarkus.http.port': port,
    'quarkus.management.host': STACK_HOST,
    'quarkus.management.port': managementPort,
    'quarkus.http.access-log.enabled': 'false',
    'apicurio.storage.kind': 'sql',
    'apicurio.storage.sql.kind': 'h2',
    'apicurio.datasource.url': `jdbc:h2:file:${path.join(dbDir, 'registry')}`,
    'apicurio.datasource.jdbc.initial-size': 2,
    'apicurio.datasource.jdbc.min-size': 2,
    'apicurio.datasource.jdbc.max-size': 20,
    'apicurio.storage.snapshot.location': tmpDir,
    'apicurio.import.work-dir': tmpDir,
    'java.io.tmpdir': tmpDir,
  };

  return {
    name: 'registry',
    port,
    otherPorts: [managementPort],
    probeTimeoutMs: 120_000,
    stopGraceMs: 20_000,
    ...files,

    install: (logger) =>
      installOnce(home, {
        logger,
        what: `apicurio-registry-app ${APICURIO_REGISTRY_VERSION} (mvn)`,
        build: async (scratch) => {
          const artifact = `io.apicurio:apicurio-registry-app:${APICURIO_REGISTRY_VERSION}:tar.gz:all`;
          const download = path.join(scratch, 'download');
          const args = ['-q', '-B', '-Dstyle.color=never', 'dependency:copy', `-Dartifact=${artifact}`];
          args.push(`-DoutputDirectory=${download}`, '-Dmdep.overWriteReleases=true');
          await serialMaven(() => run('mvn', args, { cwd: scratch }));
          const archive = readdirSync(download).find((name) => name.endsWith('.tar.gz'));
          if (archive === undefined)
            throw new StackError(`mvn dependency:copy left no .tar.gz in ${download}`);
          await run('tar', ['-xzf', path.join(download, archive), '-C', scratch, '--no-same-owner']);
          await run('rm', ['-rf', download]);
        },
      }),

    async start(logger) {
      const { java: javaBin, home: javaHome } = java();
      logger.debug('stack: java for the registry', { javaHome });
      mkdirSync(dbDir, { recursive: true });
      mkdirSync(tmpDir, { recursive: true });
      const properties = Object.entries(settings).map(([key, value]) => `-D${key}=${String(value)}`);
      return spawnDetached({
        command: javaBin,
        args: ['-Xmx512m', ...properties, '-jar', path.join(home, 'quarkus-run.jar')],
        ...files,
        cwd: dir,
      });
    },

    async probe() {
      const registry = new SchemaRegistry({ host: registryUrl(port) });
      const { id } = await registry.register(
        { type: SchemaType.AVRO, schema: PROBE_SCHEMA },
        { subject: REGISTRY_PROBE_SUBJECT },
      );
      const latest = await registry.getLatestSchemaId(REGISTRY_PROBE_SUBJECT);
      if (latest !== id) throw new StackError(`registered schema id ${id} but the latest id is ${latest}`);
    },

    isOurs: (cmdline) => cmdline.includes('quarkus-run.jar') && cmdline.includes(dbDir),
  };
}
