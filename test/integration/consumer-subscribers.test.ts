/**
 * The subscriber example of docs/subscribers.md against real topics: it reads with its own group, decodes
 * through the registry and prints every event of a drop, in partition order (a parent's drop before its
 * new rows), and the connector's own consumer is not disturbed by it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { localOrgFolder } from '../support/drops';
import { createWorld, type World } from '../support/world';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'print-events.js');

interface Line {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  op: string;
  event: Record<string, unknown> & { _source: { day: string; file: string; line: number } };
}

describe('subscriber example: examples/print-events.ts', () => {
  let world: World;
  let lines: Line[];

  before(async () => {
    world = createWorld('subscriber');
    const folder = localOrgFolder();
    folder.writeDay('2026-09-01', {
      'Observation_Modified.csv': 'observation_group_id\n1001\n1002\n',
      'Ratings.csv': 'observation_group_id,indicator_id,rating\n1001,I-1,3\n1002,I-1,2.5\n',
    });
    folder.writeDay('2026-09-02', {
      'Observation_Modified.csv': 'observation_group_id\n1001\n',
      'Ratings.csv': 'observation_group_id,indicator_id,rating\n1001,I-2,4\n',
    });
    const env = world.env({ EDREFLECT_SOURCE: folder.url });
    assert.equal((await runCli(['produce', '--once'], env)).code, 0);
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [EXAMPLE, '--until-end', '--group', `t-${world.id}-printer`, 'ratings', 'observation_modified'],
      {
        env,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    assert.equal(run.status, 0, run.stderr);
    console.log(
      `print-events printed ${run.stdout.split('\n').length - 1} lines in ${Date.now() - started} ms`,
    );
    lines = run.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Line);
  });
  after(() => world.close());

  it('prints every event of both topics, decoded', () => {
    const ratings = lines.filter((l) => l.topic === `${world.prefix}ratings`);
    assert.equal(ratings.filter((l) => l.op === 'drop').length, 3, 'drops of 1001, 1002, then 1001 again');
    assert.deepEqual(
      ratings
        .filter((l) => l.op === 'row')
        .map((l) => [
          l.event['observation_group_id'],
          l.event['indicator_id'],
          l.event['rating'],
          l.event._source.day,
        ])
        .sort(),
      [
        ['1001', 'I-1', 3, '2026-09-01'],
        ['1001', 'I-2', 4, '2026-09-02'],
        ['1002', 'I-1', 2.5, '2026-09-01'],
      ],
    );
    assert.equal(lines.filter((l) => l.topic === `${world.prefix}observation_modified`).length, 3);
    assert.ok(lines.every((l) => l.key.startsWith(`${world.org}|`)));
  });

  it("keeps a parent's order: day 1 rows, day 2 drop, day 2 rows", () => {
    const parent = lines
      .filter((l) => l.topic === `${world.prefix}ratings` && l.key === `${world.org}|1001`)
      .sort((a, b) => Number(a.offset) - Number(b.offset))
      .map((l) => `${l.op} ${l.event._source.day}`);
    assert.deepEqual(parent, ['drop 2026-09-01', 'row 2026-09-01', 'drop 2026-09-02', 'row 2026-09-02']);
  });
});
