/**
 * MongoDB wire protocol from FerretDB (built with `go install`), storing its data in the stack's PostgreSQL
 * (stack/services/postgres.ts) or in SQLite files in the stack folder (stack/mongo-backend.ts). See
 * FIELD-NOTES.md for what FerretDB does not support (transactions, change streams...).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import type { RunCommand } from '../command';
import type { MongoBackend } from '../mongo-backend';
import { installOnce } from '../cache';
import type { StackPaths } from '../paths';
import { STACK_HOST } from '../paths';
import { spawnDetached } from '../process';
import type { Service } from '../service';
import { serviceFiles } from '../service';
import { FERRETDB_VERSION } from '../versions';
import { postgresUrl } from './postgres';
import { StackError } from '../../core/errors';

/** Build outside any workspace, with the module's own go.sum. */
const GO_ENV = { GOWORK: 'off', GOFLAGS: '-mod=readonly' };

export function mongodbUri(port: number): string {
  return `mongodb://${STACK_HOST}:${port}/`;
}

export function createMongodbService({
  paths,
  port,
  debugPort,
  backend,
  postgresPort,
  run,
}: {
  paths: StackPaths;
  port: number;
  debugPort: number;
  backend: MongoBackend;
  /** Where the stack's PostgreSQL listens (used when the backend is postgresql). */
  postgresPort: number;
  run: RunCommand;
}): Service {
  const home = path.join(paths.cache, `ferretdb-${FERRETDB_VERSION}`);
  const binary = path.join(home, 'bin', 'ferretdb');
  const dir = path.join(paths.stack, 'mongodb');
  const dataDir = path.join(dir, 'data');
  const files = serviceFiles(paths, 'mongodb');

  return {
    name: 'mongodb',
    port,
    otherPorts: [debugPort],
    probeTimeoutMs: 30_000,
    stopGraceMs: 15_000,
    dependsOn: backend === 'postgresql' ? ['postgres'] : [],
    ...files,

    install: (logger) =>
      installOnce(home, {
        logger,
        what: `ferretdb ${FERRETDB_VERSION} (go build)`,
        build: async (scratch) => {
          // `go install ...@version` builds a binary that panics at start: the module lacks the generated
          // build/version/version.txt. Build a copy of the module source with that file written instead.
          const module = `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`;
          const info = JSON.parse(await run('go', ['mod', 'download', '-json', module], { env: GO_ENV })) as {
            Dir?: string;
          };
          if (info.Dir === undefined)
            throw new StackError(`go mod download ${module} did not say where the source is`);
          const src = path.join(scratch, 'src');
          await run('cp', ['-R', info.Dir, src]);
          await run('chmod', ['-R', 'u+w', src]);
          writeFileSync(path.join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
          const output = path.join(scratch, 'bin', 'ferretdb');
          await run('go', ['build', '-trimpath', '-o', output, './cmd/ferretdb'], { cwd: src, env: GO_ENV });
          rmSync(src, { recursive: true, force: true });
        },
      }),

    async start() {
      mkdirSync(dataDir, { recursive: true });
      return spawnDetached({
        command: binary,
        args: [
          ...(backend === 'postgresql'
            ? ['--handler=postgresql', `--postgresql-url=${postgresUrl(postgresPort)}`]
            : // FerretDB wants a file: URL naming an existing folder, with the trailing slash.
              ['--handler=sqlite', `--sqlite-url=file:${dataDir}/`]),
          `--listen-addr=${STACK_HOST}:${port}`,
          `--debug-addr=${STACK_HOST}:${debugPort}`,
          `--state-dir=${dir}`,
          '--telemetry=disable',
          '--log-level=error',
        ],
        ...files,
        cwd: dir,
      });
    },

    async probe() {
      const client = new MongoClient(mongodbUri(port), {
        serverSelectionTimeoutMS: 2000,
        connectTimeoutMS: 2000,
      });
      try {
        await client.connect();
        const reply = await client.db('admin').command({ ping: 1 });
        if (reply['ok'] !== 1) throw new StackError(`ping answered ${JSON.stringify(reply)}`);
      } finally {
        await client.close();
      }
    },

    isOurs: (cmdline) => cmdline.includes('ferretdb') && cmdline.includes(`--state-dir=${dir}`),
  };
}
