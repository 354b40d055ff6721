/**
 * Servers that accept a connection, read what they are sent and never answer (a listening socket that stays
 * silent), put in place of each server in turn: MongoDB and Kafka for `consume --until-idle`, Kafka, the
 * Schema Registry and the FTP server for `produce --once`. Neither may wait for ever: each ends with status
 * 1 and one line naming the stage and the server it waits on, within the stall timeout
 * (EDREFLECT_STALL_TIMEOUT_SECONDS) and well before the clients' own, longer, timeouts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { allFilesDrop } from '../support/all-files-drop';
import { runCli } from '../support/cli';
import { localOrgFolder, type LocalOrgFolder } from '../support/drops';
import { log } from '../support/faults';
import { silentServer, type Silent } from '../support/silent-server';
import { createWorld, type World } from '../support/world';

const STALL_SECONDS = 4;
/**
 * The registry case passes Kafka first (topics, transactional producer, ledger), each call of which takes
 * several seconds on a loaded machine: its stall timeout must be longer than the slowest of them.
 */
const REGISTRY_STALL_SECONDS = 20;

describe('servers that accept and never answer', { timeout: 5 * 60_000 }, () => {
  let world: World;
  let silent: Silent;
  let folder: LocalOrgFolder;

  before(async () => {
    world = createWorld('silent');
    silent = await silentServer();
    folder = localOrgFolder();
    folder.writeDay('2026-09-01', allFilesDrop({ bigFile: 'Ratings.csv', bigRows: 50 }));
  });
  after(async () => {
    await silent.close();
    await world.close();
  });

  const runAgainst = async (
    args: string[],
    env: NodeJS.ProcessEnv,
    stallSeconds = STALL_SECONDS,
  ): Promise<{ stderr: string; ms: number }> => {
    const command = args[0]!;
    const before = silent.accepted();
    const started = Date.now();
    const run = await runCli(
      args,
      { ...env, EDREFLECT_STALL_TIMEOUT_SECONDS: String(stallSeconds) },
      {
        timeoutMs: 120_000,
      },
    );
    const ended = Date.now();
    const ms = ended - started;
    log(`${args.join(' ')} against a silent server ended with exit ${run.code} after ${ms} ms`);
    assert.ok(silent.accepted() > before, `the client connected to the silent server\n${run.stderr}`);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith(`edreflect ${command}:`));
    assert.equal(lines.length, 1, `one line says why\n${run.stderr}`);
    const stall = run.stderr.split('\n').find((l) => l.includes('"msg":"stalled: no progress"'));
    assert.ok(stall !== undefined, `the stall is logged as an error\n${run.stderr}`);
    assert.match(stall, /^\{"time":"[^"]+","level":"error"/);
    // Named on time: the call it names had waited the stall timeout (plus one tick), not longer; the process
    // ended within the two seconds of grace after that (plus slack for a loaded machine), whatever its start
    // took: it was the stall that ended it.
    const waited = Number(/ for (\d+) s$/.exec(lines[0]!)?.[1]);
    assert.ok(waited >= stallSeconds && waited <= stallSeconds + 2, `named after ${waited} s\n${lines[0]}`);
    const stalledAt = Date.parse((JSON.parse(stall) as { time: string }).time);
    assert.ok(ended - stalledAt < 4000, `ended ${ended - stalledAt} ms after the stall\n${run.stderr}`);
    if (command === 'consume')
      assert.ok(ms < (stallSeconds + 6) * 1000, `ended within the stall bound (${ms} ms)\n${run.stderr}`);
    return { stderr: lines[0]!, ms };
  };
  const consumeAgainst = (extra: Record<string, string>): Promise<{ stderr: string; ms: number }> =>
    runAgainst(['consume', '--until-idle'], world.env(extra));
  const produceAgainst = (extra: Record<string, string>): Promise<{ stderr: string; ms: number }> =>
    runAgainst(['produce', '--once'], world.env({ EDREFLECT_SOURCE: folder.url, ...extra }));

  it('MongoDB: the writer names MongoDB and the call it waits on', async () => {
    const { stderr } = await consumeAgainst({
      MONGODB_URI: `mongodb://127.0.0.1:${silent.port}/?directConnection=true`,
    });
    assert.match(
      stderr,
      new RegExp(
        `^edreflect consume: STALLED: no progress for ${STALL_SECONDS} s while connecting to MongoDB: waiting on MongoDB at 127\\.0\\.0\\.1:${silent.port} \\(connect\\)`,
      ),
    );
  });

  it('Kafka: the writer names the brokers and the call it waits on', async () => {
    const { stderr } = await consumeAgainst({ KAFKA_BROKERS: `127.0.0.1:${silent.port}` });
    assert.match(
      stderr,
      new RegExp(
        `^edreflect consume: STALLED: no progress for ${STALL_SECONDS} s while starting .*: waiting on Kafka at 127\\.0\\.0\\.1:${silent.port} \\(connect the admin client\\)`,
      ),
    );
  });

  it('Kafka: the producer names the brokers and the call it waits on', async () => {
    const { stderr } = await produceAgainst({ KAFKA_BROKERS: `127.0.0.1:${silent.port}` });
    assert.match(
      stderr,
      new RegExp(
        `^edreflect produce: STALLED: no progress for ${STALL_SECONDS} s while creating the topics: waiting on Kafka at 127\\.0\\.0\\.1:${silent.port} \\(connect the admin client\\)`,
      ),
    );
  });

  it('the Schema Registry: the producer names the registry and the call it waits on', async () => {
    // Its own org folder and topics, made once with the real registry: the silent run finds the topics and
    // the ledger in place and hangs on its first schema of the next day, not on a slow topic creation.
    const own = createWorld('silent-registry');
    try {
      const days = localOrgFolder();
      const list = (id: number): Record<string, string> => ({
        'Observation_Modified.csv': `observation_group_id,observation_modified_date\r\n${id},2026-09-0${id}\r\n`,
      });
      days.writeDay('2026-09-01', list(1));
      const env = own.env({ EDREFLECT_SOURCE: days.url });
      const first = await runCli(['produce', '--once'], env, { timeoutMs: 300_000 });
      assert.equal(first.code, 0, first.stderr);
      days.writeDay('2026-09-02', list(2));
      const url = `http://127.0.0.1:${silent.port}/apis/ccompat/v7`;
      const { stderr } = await runAgainst(
        ['produce', '--once'],
        { ...env, SCHEMA_REGISTRY_URL: url },
        REGISTRY_STALL_SECONDS,
      );
      assert.match(
        stderr,
        new RegExp(
          `^edreflect produce: STALLED: no progress for ${REGISTRY_STALL_SECONDS} s while publishing drop 2026-09-02: Observation_Modified\\.csv: waiting on the Schema Registry at ${url.replace(/\./g, '\\.')} \\(register under `,
        ),
      );
    } finally {
      await own.close();
    }
  });

  it('FTP: the producer names the FTP server and the call it waits on', async () => {
    const source = `ftp://edreflect@127.0.0.1:${silent.port}/silent`;
    const shown = `ftp://edreflect:\\*\\*\\*@127\\.0\\.0\\.1:${silent.port}/silent`;
    const { stderr } = await produceAgainst({
      EDREFLECT_SOURCE: source,
      EDREFLECT_FTP_PASSWORD: 'never-sent',
    });
    assert.match(
      stderr,
      new RegExp(
        `^edreflect produce: STALLED: no progress for ${STALL_SECONDS} s while listing the drops of org ${world.org} in ${shown}: waiting on ${shown} \\(list the files\\)`,
      ),
    );
  });
});
