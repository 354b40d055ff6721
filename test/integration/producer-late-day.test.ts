/**
 * A late day folder over the real servers (per-day layout): after 2026-09-01 and 2026-09-03 were published,
 * 2026-09-02 appears. `produce --once` leaves it unpublished with exit 4 and one line naming both days, so
 * the consumer never applies it after the newer day; `produce --once --accept-late` publishes it and then
 * 2026-09-03 again, in day order, the ledger recording why; the database ends as if the days came in order.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { readAll } from '../support/topics';
import { localOrgWorld } from '../support/local-org-world';

const MODIFIED = 'observation_group_id,observation_modified_date';
const RATINGS = 'observation_group_id,indicator_id,rating';

describe('a late day folder', () => {
  const { world, folder, env } = localOrgWorld('lateday');

  const day = (stamp: string, indicator: string): Record<string, string> => ({
    'Observation_Modified.csv': `${MODIFIED}\n1001,${stamp}\n`,
    'Ratings.csv': `${RATINGS}\n1001,${indicator},1\n`,
  });
  const consume = async (): Promise<void> => {
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
  };
  const ratings = async (): Promise<string[]> =>
    (await (await world.db()).collection('ratings').find({}).toArray()).map((d) => String(d['indicator_id']));
  const ledger = async (): Promise<{ day: string; reason?: string }[]> =>
    (await readAll(world.kafka(), `${world.prefix}_ingested`)).map(
      (m) => JSON.parse(m.value!.toString('utf8')) as { day: string; reason?: string },
    );

  it('publishes 2026-09-01 and 2026-09-03', async () => {
    folder.writeDay('2026-09-01', day('2026-09-01', 'I-1'));
    folder.writeDay('2026-09-03', day('2026-09-03', 'I-3'));
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 3, produced.stderr); // 2026-09-02 was missed, as far as anyone knows
    await consume();
    assert.deepEqual(await ratings(), ['I-3']);
  });

  it('leaves the late 2026-09-02 unpublished: exit 4, one line naming the late and the newest day', async () => {
    folder.writeDay('2026-09-02', day('2026-09-02', 'I-2'));
    for (let run = 0; run < 2; run++) {
      const produced = await runCli(['produce', '--once'], env);
      assert.equal(produced.code, 4, produced.stderr);
      const lines = produced.stdout.split('\n').filter((l) => l.includes('LATE DROP'));
      assert.equal(lines.length, 1, produced.stdout);
      assert.match(
        lines[0]!,
        /day 2026-09-02 .*older than the newest published day 2026-09-03: not published/,
      );
    }
    await consume();
    assert.deepEqual(await ratings(), ['I-3'], 'the late day was not applied after the newer one');
    assert.deepEqual((await ledger()).map((e) => e.day).sort(), ['2026-09-01', '2026-09-03']);
  });

  it('--accept-late publishes the late day, then the later days again in day order, the ledger saying why', async () => {
    const produced = await runCli(['produce', '--once', '--accept-late'], env);
    assert.equal(produced.code, 0, produced.stderr);
    const heads = produced.stdout.split('\n').filter((l) => l.startsWith('org '));
    assert.deepEqual(
      heads.map((l) => /day (\S+) id \S+: (\S+)/.exec(l)!.slice(1).join(' ')),
      ['2026-09-01 already-published', '2026-09-02 published', '2026-09-03 published'],
    );
    await consume();
    assert.deepEqual(await ratings(), ['I-3'], 'the state of applying the three days in day order');
    const entries = await ledger();
    const reasons = entries.slice(-2).map((e) => [e.day, e.reason]);
    assert.equal(reasons[0]![0], '2026-09-02');
    assert.match(
      reasons[0]![1]!,
      /late day accepted \(--accept-late\): older than the newest published day 2026-09-03/,
    );
    assert.equal(reasons[1]![0], '2026-09-03');
    assert.match(reasons[1]![1]!, /published again after the late day 2026-09-02/);
    const again = await runCli(['produce', '--once'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stdout, /LATE DROP|: published/);
  });
});

describe('a late day folder whose later published day is gone from the source', () => {
  const { world, folder, env } = localOrgWorld('lategone');
  const day = (stamp: string, indicator: string): Record<string, string> => ({
    'Observation_Modified.csv': `${MODIFIED}\n1001,${stamp}\n`,
    'Ratings.csv': `${RATINGS}\n1001,${indicator},1\n`,
  });
  const days = async (): Promise<string[]> =>
    (await readAll(world.kafka(), `${world.prefix}_ingested`))
      .map((m) => (JSON.parse(m.value!.toString('utf8')) as { day: string }).day)
      .sort();

  it('--accept-late refuses it, naming the missing day, until that day folder is back', async () => {
    folder.writeDay('2026-09-01', day('2026-09-01', 'I-1'));
    folder.writeDay('2026-09-03', day('2026-09-03', 'I-3'));
    assert.equal((await runCli(['produce', '--once'], env)).code, 3);
    rmSync(path.join(folder.root, '2026-09-03'), { recursive: true }); // the FTP server's retention took it
    folder.writeDay('2026-09-02', day('2026-09-02', 'I-2'));
    const refused = await runCli(['produce', '--once', '--accept-late'], env);
    assert.equal(refused.code, 4, refused.stderr);
    const lines = refused.stdout.split('\n').filter((l) => l.includes('LATE DROP'));
    assert.equal(lines.length, 1, refused.stdout);
    assert.match(
      lines[0]!,
      /day 2026-09-02 .*later published day\(s\) 2026-09-03 are no longer in the source: not published, even with --accept-late/,
    );
    assert.deepEqual(await days(), ['2026-09-01', '2026-09-03'], 'nothing was published');

    folder.writeDay('2026-09-03', day('2026-09-03', 'I-3'));
    const accepted = await runCli(['produce', '--once', '--accept-late'], env);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.deepEqual(await days(), ['2026-09-01', '2026-09-02', '2026-09-03', '2026-09-03']);
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    const ratings = (await (await world.db()).collection('ratings').find({}).toArray()).map((d) =>
      String(d['indicator_id']),
    );
    assert.deepEqual(ratings, ['I-3']);
  });
});
