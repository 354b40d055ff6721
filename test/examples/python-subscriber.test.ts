/**
 * The Python subscriber (examples/python/subscribe.py) over a real drop on the stack: installs its pinned
 * requirements from PyPI into a venv under the project's cache (a failed install fails the test, with pip's
 * output), reads read_committed (an aborted transaction on the same topic is never seen) and decodes every
 * event through the registry's Confluent API.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot, cacheDir } from '../../stack/paths';
import { runCli } from '../support/cli';
import { localOrgFolder } from '../support/drops';
import { createWorld, type World } from '../support/world';

const EXAMPLE_DIR = path.join(repoRoot(), 'examples', 'python');
const REQUIREMENTS = path.join(EXAMPLE_DIR, 'requirements.txt');

interface Line {
  topic: string;
  partition: number;
  offset: number;
  key: string;
  op: string;
  event: Record<string, unknown> & { _source: { org: string; day: string; file: string; line: number } };
}

/** A venv with the requirements, made once per requirements.txt content; returns its python. */
function pythonVenv(): string {
  const hash = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex').slice(0, 12);
  const venv = path.join(cacheDir(), `python-subscriber-${hash}`);
  const python = path.join(venv, 'bin', 'python');
  const done = path.join(venv, '.installed');
  if (existsSync(done)) return python;
  rmSync(venv, { recursive: true, force: true });
  const run = (command: string, args: string[]): void => {
    const result = spawnSync(command, args, { encoding: 'utf8', timeout: 20 * 60_000 });
    assert.equal(
      result.status,
      0,
      `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n` +
        `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n'),
    );
  };
  run('python3', ['-m', 'venv', venv]);
  const started = Date.now();
  run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS]);
  console.log(`installed examples/python/requirements.txt into ${venv} in ${Date.now() - started} ms`);
  writeFileSync(done, '');
  return python;
}

describe('subscriber example: examples/python/subscribe.py', () => {
  let world: World;
  let lines: Line[];

  before(async () => {
    const python = pythonVenv();
    world = createWorld('python');
    const folder = localOrgFolder();
    folder.writeDay('2026-09-01', {
      'Observation_Modified.csv': 'observation_group_id\n1001\n1002\n',
      'Ratings.csv': 'observation_group_id,indicator_id,rating\n1001,I-1,3\n1002,I-1,2.5\n1002,I-2,4\n',
    });
    const env = world.env({ EDREFLECT_SOURCE: folder.url });
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 0, produced.stderr);
    // An aborted transaction on the same topic, of bytes no Avro decoder takes: read_committed never sees it.
    const producer = world.kafka().producer({
      transactionalId: `t-${world.id}-aborted`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({
      topic: `${world.prefix}ratings`,
      messages: [{ key: `${world.org}|1001`, value: 'not an event' }],
    });
    await transaction.abort();
    await producer.disconnect();

    const started = Date.now();
    const run = spawnSync(
      python,
      [
        path.join(EXAMPLE_DIR, 'subscribe.py'),
        '--until-end',
        '--group',
        `t-${world.id}-python`,
        'ratings',
        'observation_modified',
      ],
      { env, encoding: 'utf8', timeout: 180_000 },
    );
    assert.equal(run.status, 0, `${run.error?.message ?? ''}\n${run.stderr}`);
    lines = run.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Line);
    console.log(`subscribe.py printed ${lines.length} events in ${Date.now() - started} ms`);
  });
  after(() => world?.close());

  it('prints every event of each topic, and nothing of the aborted transaction', () => {
    const count = (topic: string, op: string): number =>
      lines.filter((l) => l.topic === `${world.prefix}${topic}` && l.op === op).length;
    assert.equal(count('ratings', 'row'), 3);
    assert.equal(count('ratings', 'drop'), 2, 'one drop per changed parent: 1001 and 1002');
    assert.equal(count('observation_modified', 'row'), 2);
    assert.equal(lines.length, 7, JSON.stringify(lines));
    assert.ok(lines.every((l) => l.key.startsWith(`${world.org}|`)));
  });

  it("decodes a row's fields, typed, with its origin", () => {
    const row = lines.find(
      (l) =>
        l.op === 'row' && l.event['observation_group_id'] === '1002' && l.event['indicator_id'] === 'I-1',
    );
    assert.ok(row, JSON.stringify(lines));
    assert.equal(row.event['rating'], 2.5);
    assert.equal(row.key, `${world.org}|1002`);
    assert.deepEqual(
      { org: row.event._source.org, day: row.event._source.day, file: row.event._source.file },
      { org: world.org, day: '2026-09-01', file: 'Ratings.csv' },
    );
    assert.equal(row.event._source.line, 3);
  });

  it('decodes a drop event, before the parent rows of its day', () => {
    const parent = lines
      .filter((l) => l.topic === `${world.prefix}ratings` && l.key === `${world.org}|1002`)
      .sort((a, b) => a.offset - b.offset);
    assert.deepEqual(
      parent.map((l) => l.op),
      ['drop', 'row', 'row'],
    );
    const drop = parent[0]?.event;
    assert.deepEqual(
      { list: drop?.['list'], column: drop?.['column'], value: drop?.['value'] },
      { list: 'Observation_Modified.csv', column: 'observation_group_id', value: '1002' },
    );
  });
});
