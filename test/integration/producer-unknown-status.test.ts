/**
 * An Slos.csv status outside the documented set, over the real servers: the row is kept (published and
 * stored as it is) and reported, in the summary and as a warning with its line.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { localOrgFolder } from '../support/drops';
import { createWorld, type World } from '../support/world';

describe('an unknown Slos.csv status', () => {
  let world: World;

  before(() => {
    world = createWorld('slostatus');
  });
  after(() => world.close());

  it('is kept and reported with its line', async () => {
    const folder = localOrgFolder();
    folder.writeDay('2026-09-01', {
      'Slos.csv': 'slo_id,slo_status\ns1,Approved\ns2,archived\ns3,awaiting approval\n',
    });
    const env = world.env({ EDREFLECT_SOURCE: folder.url });
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 0, produced.stderr);
    const line = produced.stdout.split('\n').find((l) => l.trim().startsWith('Slos.csv')) ?? '(no line)';
    assert.match(
      line,
      /published\s+read 3, published 3, rejected 0 — .*1 unknown value\(s\), kept: slo_status "archived" at line 3$/,
    );
    const warning = produced.stderr
      .split('\n')
      .filter((l) => l.includes('unknown value kept'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(warning.length, 1, produced.stderr);
    assert.equal(warning[0]!['line'], 3);
    assert.equal(warning[0]!['value'], 'archived');
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    const slos = await (
      await world.db()
    )
      .collection('slos')
      .find({}, { projection: { _id: 0, slo_id: 1, slo_status: 1 } })
      .sort({ slo_id: 1 })
      .toArray();
    assert.deepEqual(slos, [
      { slo_id: 's1', slo_status: 'Approved' },
      { slo_id: 's2', slo_status: 'archived' },
      { slo_id: 's3', slo_status: 'awaiting approval' },
    ]);
  });
});
