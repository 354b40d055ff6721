/**
 * Columns that come and go are schema evolution, not errors: a new column registers a new compatible
 * version and is stored; a dropped column does not linger in the document. Also: a day that was never
 * read is reported loudly (exit status 3), and --dry-run publishes nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { tempFile } from '../support/tmp';
import { requireEnv } from '../support/world';
import { localOrgWorld } from '../support/local-org-world';

async function registry(path: string): Promise<unknown> {
  const response = await fetch(`${requireEnv('SCHEMA_REGISTRY_URL')}${path}`);
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}

describe('schema evolution, missed days and dry runs', () => {
  const { world, folder, env } = localOrgWorld('evolve');

  const observation = async (): Promise<Record<string, unknown>> => {
    const doc = await (
      await world.db()
    )
      .collection('observations')
      .findOne({ observation_group_id: 'o1' }, { projection: { _id: 0, _drop: 0, _line: 0 } });
    assert.ok(doc !== null);
    return doc;
  };

  it('--dry-run validates and counts without publishing or creating anything', async () => {
    folder.writeDay('2026-09-01', {
      'Observations.csv': 'observation_group_id,observation_date,school_year\no1,2026-08-30,2026\n',
    });
    const dry = await runCli(['produce', '--once', '--dry-run'], env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(
      dry.stdout,
      /day 2026-09-01 .*: dry-run\n\s+Observations\.csv\s+published\s+read 1, published 1/,
    );
    const admin = world.kafka().admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(world.prefix));
    await admin.disconnect();
    assert.deepEqual(topics, []);
  });

  it('day 1 is then published for real (the dry run left no trace in the ledger)', async () => {
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 0, produced.stderr);
    assert.match(produced.stdout, /day 2026-09-01 .*: published/);
    assert.equal((await runCli(['consume', '--until-idle'], env)).code, 0);
    assert.deepEqual(await observation(), {
      _org: world.org,
      _day: '2026-09-01',
      _file: 'Observations.csv',
      observation_group_id: 'o1',
      observation_date: '2026-08-30',
      school_year: 2026,
    });
  });

  it('day 2 adds a column and drops another: a new compatible schema version, and the document follows', async () => {
    folder.writeDay('2026-09-02', {
      'Observations.csv':
        'observation_group_id,school_year,observation_is_deleted,brand_new\no1,2026,1,hello\n',
    });
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 0, produced.stderr);
    assert.match(
      produced.stdout,
      /Observations\.csv .*new columns brand_new; columns not in the file observer_employee_id, learner_employee_id, observation_date/,
    );
    assert.equal((await runCli(['consume', '--until-idle'], env)).code, 0);
    assert.deepEqual(await observation(), {
      _org: world.org,
      _day: '2026-09-02',
      _file: 'Observations.csv',
      observation_group_id: 'o1',
      observation_is_deleted: '1',
      school_year: 2026,
      brand_new: 'hello',
    });
    const subject = encodeURIComponent(`${world.prefix}observations-edreflect.rows.observations`);
    assert.deepEqual(await registry(`/subjects/${subject}/versions`), [1, 2]);
    const config = (await registry(`/config/${subject}`)) as {
      compatibilityLevel?: string;
      compatibility?: string;
    };
    assert.equal(config.compatibilityLevel ?? config.compatibility, 'FULL_TRANSITIVE');
  });

  it('a gap of a day between drops is reported loudly with exit status 3, and the drop is still published', async () => {
    folder.writeDay('2026-09-04', { 'Observations.csv': 'observation_group_id,school_year\no1,2027\n' });
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 3, produced.stderr);
    assert.match(
      produced.stdout,
      /MISSED DAYS: 1 day\(s\) between 2026-09-02 and 2026-09-04 were never read/,
    );
    assert.match(produced.stdout, /day 2026-09-04 .*: published/);
  });

  it('a schema the registry rejects as incompatible fails that file only; the rest of the drop is published', async () => {
    const catalog = tempFile(
      'catalog.json',
      JSON.stringify({
        version: 1,
        extends: 'built-in',
        files: [
          {
            file: 'Observations.csv',
            kind: 'entity',
            key: ['observation_group_id'],
            columns: { observation_group_id: 'string', school_year: 'boolean' },
          },
        ],
      }),
    );
    folder.writeDay('2026-09-05', {
      'Observations.csv': 'observation_group_id,school_year\no1,true\n',
      'Goals.csv': 'goal_id,goal_name\ng1,Read more\n',
    });
    const produced = await runCli(['produce', '--once'], { ...env, EDREFLECT_CATALOG: catalog });
    assert.equal(produced.code, 2, produced.stderr);
    assert.match(
      produced.stdout,
      /Observations\.csv\s+failed .*rejects the new schema of .*observations-edreflect\.rows\.observations as incompatible/,
    );
    assert.match(produced.stdout, /Goals\.csv\s+published\s+read 1, published 1/);
    assert.equal((await runCli(['consume', '--until-idle'], env)).code, 0);
    assert.equal(
      (await observation())['school_year'],
      2027,
      'the stored observation is the last one that was accepted',
    );
    assert.equal(await (await world.db()).collection('goals').countDocuments({ goal_id: 'g1' }), 1);
  });
});
