/**
 * PostgreSQL from Debian's packages, FerretDB's storage when EDREFLECT_STACK_MONGO_BACKEND is postgresql.
 * Its cluster lives in the stack folder; it listens on loopback only and trusts loopback clients. As root
 * it runs as the `postgres` user the package creates (the server refuses to run as root).
 */
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RunCommand } from '../command';
import { installDebianPackages } from '../apt';
import type { StackPaths } from '../paths';
import { STACK_HOST } from '../paths';
import { spawnDetached } from '../process';
import type { Service } from '../service';
import { serviceFiles } from '../service';
import { POSTGRESQL_MAJOR, POSTGRESQL_PACKAGES } from '../versions';

const BIN = `/usr/lib/postgresql/${POSTGRESQL_MAJOR}/bin`;
/** The role FerretDB logs in as; initdb makes it the superuser of the stack's cluster. */
export const POSTGRES_ROLE = 'edreflect';

export function postgresUrl(port: number): string {
  // FerretDB keeps one pool connection per statement of a command until the command ends: 100 as SQLite.
  return `postgres://${POSTGRES_ROLE}@${STACK_HOST}:${port}/postgres?pool_max_conns=100`;
}

interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

export function createPostgresService({
  paths,
  port,
  run,
}: {
  paths: StackPaths;
  port: number;
  run: RunCommand;
}): Service {
  const files = serviceFiles(paths, 'postgres');
  let dir = path.join(paths.stack, 'postgres');
  let dataDir = path.join(dir, 'data');

  return {
    name: 'postgres',
    port,
    otherPorts: [],
    probeTimeoutMs: 30_000,
    stopGraceMs: 15_000,
    ...files,

    install: async (logger) => {
      const missing = existsSync(path.join(BIN, 'postgres')) ? [] : [...POSTGRESQL_PACKAGES];
      await installDebianPackages({
        packages: missing,
        purpose: 'the MongoDB server on PostgreSQL',
        run,
        logger,
      });
    },

    async start(logger) {
      const user = await serverUser(run);
      if (user !== undefined && !reachable(paths.stack, user)) {
        dir = outsidePostgresDir(paths);
        dataDir = path.join(dir, 'data');
        logger.info(
          'stack: the postgres user cannot enter the stack folder; PostgreSQL keeps its data outside it',
          {
            dataDir,
          },
        );
      }
      if (!dir.startsWith(paths.stack)) {
        for (const parent of [path.dirname(path.dirname(dir)), path.dirname(dir)]) {
          mkdirSync(parent, { recursive: true });
          chmodSync(parent, 0o755);
        }
      }
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (user !== undefined) chownSync(dir, user.uid, user.gid);
      if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
        logger.info('stack: creating the PostgreSQL cluster', { dataDir });
        // prettier-ignore
        await runAs(run, user, path.join(BIN, 'initdb'), [
          '-D', dataDir, '-U', POSTGRES_ROLE, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync',
        ]);
      }
      return spawnDetached({
        command: path.join(BIN, 'postgres'),
        // prettier-ignore
        args: [
          '-D', dataDir, '-p', String(port), '-k', dir,
          '-c', `listen_addresses=${STACK_HOST}`,
          '-c', 'max_connections=200',
          // A test and demo server: a crash of the machine may lose the last commits, never corrupt them.
          '-c', 'synchronous_commit=off',
        ],
        ...files,
        cwd: dir,
        ...(user === undefined ? {} : { user }),
      });
    },

    async probe() {
      // prettier-ignore
      await run(path.join(BIN, 'psql'), [
        '-h', STACK_HOST, '-p', String(port), '-U', POSTGRES_ROLE, '-d', 'postgres', '-Atc', 'select 1',
      ], { timeoutMs: 5_000, env: { PGCONNECT_TIMEOUT: '2' } });
    },

    isOurs: (cmdline) =>
      cmdline.includes('postgres') &&
      (cmdline.includes(dataDir) || cmdline.includes(path.join(outsidePostgresDir(paths), 'data'))),
  };
}

/** As root, the package's `postgres` user; otherwise the current user runs the server. */
async function serverUser(run: RunCommand): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number((await run('id', ['-u', 'postgres'])).trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).trim());
  return { uid, gid };
}

async function runAs(
  run: RunCommand,
  user: RunAs | undefined,
  command: string,
  args: string[],
): Promise<void> {
  if (user === undefined) await run(command, args);
  else await run('runuser', ['-u', 'postgres', '--', command, ...args]);
}

/**
 * Where the cluster lives when the postgres user cannot walk down to the stack folder (a clone under
 * /root, say): a folder of its own per stack folder, removed by `stack reset` like the rest.
 */
export function outsidePostgresDir(paths: StackPaths): string {
  const id = createHash('sha256').update(paths.stack).digest('hex').slice(0, 16);
  return path.join('/var/lib/edreflect-stack', id, 'postgres');
}

/** Whether the user may enter every folder from the root down to `dir`. */
function reachable(dir: string, user: RunAs): boolean {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(at)) {
      const { mode, uid, gid } = statSync(at);
      const canEnter = uid === user.uid ? mode & 0o100 : gid === user.gid ? mode & 0o010 : mode & 0o001;
      if (canEnter === 0) return false;
    }
    if (at === path.dirname(at)) return true;
  }
}
