/**
 * User_Affiliations.csv on days when it is in doubt, over the real servers (per-day layout): a rejected row
 * whose pair can be read keeps that pair open; a rejected row whose ids cannot be read stops the closing
 * rule for the day; a 0-byte file is a failed file (no closing); a header-only file is a real empty day,
 * and so is an absent file (the vendor's rule), said in the summary.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, type CliResult } from '../support/cli';
import { localOrgWorld } from '../support/local-org-world';

const AFFILIATIONS = 'learner_employee_id,observer_employee_id,date_deleted';
const BAD = Buffer.from([0xff, 0xfe]);

describe('User_Affiliations.csv in doubt', () => {
  const { world, folder, env } = localOrgWorld('doubtaff');

  /** Without affiliations, the day has no User_Affiliations.csv at all. */
  const produceDay = async (day: string, affiliations?: string | Buffer): Promise<CliResult> => {
    folder.writeDay(day, {
      'User_Modified.csv': `employee_id,user_modified_date\nE1,${day}\n`,
      ...(affiliations === undefined ? {} : { 'User_Affiliations.csv': affiliations }),
    });
    const produced = await runCli(['produce', '--once'], env);
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    return produced;
  };
  const pairs = async (): Promise<string[]> =>
    (await (await world.db()).collection('user_affiliations').find({}).toArray())
      .map(
        (d) =>
          `${String(d['learner_employee_id'])}-${String(d['observer_employee_id'])}:${String(d['date_deleted'])}`,
      )
      .sort();
  const line = (run: CliResult): string =>
    run.stdout.split('\n').find((l) => l.trim().startsWith('User_Affiliations.csv')) ?? '(no line)';

  it('day 1: three open pairs of E1', async () => {
    const run = await produceDay('2026-09-01', `${AFFILIATIONS}\nL1,E1,\nL2,E1,\nL3,E1,\n`);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(await pairs(), ['L1-E1:null', 'L2-E1:null', 'L3-E1:null']);
  });

  it('a rejected row whose pair can be read keeps that pair open; the absent pair is closed', async () => {
    const run = await produceDay(
      '2026-09-02',
      Buffer.concat([Buffer.from(`${AFFILIATIONS}\nL1,E1,\nL2,E1,`), BAD, Buffer.from('\n')]),
    );
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      line(run),
      /rejected 1, close events 1 — 1 rejected row\(s\): the pairs they name were not closed/,
    );
    assert.deepEqual(await pairs(), ['L1-E1:null', 'L2-E1:null', 'L3-E1:2026-09-02']);
  });

  it('a rejected row whose ids cannot be read: no closing that day', async () => {
    const run = await produceDay(
      '2026-09-03',
      Buffer.concat([Buffer.from(`${AFFILIATIONS}\nL1,E1,\n`), BAD, Buffer.from(',E1,\n')]),
    );
    assert.equal(run.code, 2, run.stderr);
    assert.match(line(run), /closing rule not applied: rejected row\(s\) at line\(s\) 3 cannot be read/);
    assert.deepEqual(await pairs(), ['L1-E1:null', 'L2-E1:null', 'L3-E1:2026-09-02']);
  });

  it('a 0-byte file is a failed file: no closing, exit 2', async () => {
    const run = await produceDay('2026-09-04', '');
    assert.equal(run.code, 2, run.stderr);
    assert.match(line(run), /failed .*no header .*closing rule not applied/);
    assert.deepEqual(await pairs(), ['L1-E1:null', 'L2-E1:null', 'L3-E1:2026-09-02']);
  });

  it('a header-only file is a real day without affiliations: the open pairs of E1 are closed', async () => {
    const run = await produceDay('2026-09-05', `${AFFILIATIONS}\n`);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(await pairs(), ['L1-E1:2026-09-05', 'L2-E1:2026-09-05', 'L3-E1:2026-09-02']);
  });

  it('an absent file is read as a day without affiliations, as the vendor says, and the summary says what it closed', async () => {
    assert.equal((await produceDay('2026-09-06', `${AFFILIATIONS}\nL4,E1,\n`)).code, 0);
    const run = await produceDay('2026-09-07');
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      line(run),
      /absent .*absent: read as a day without affiliations, so the closing rule was applied to the 1 employee\(s\) of User_Modified\.csv \(1 close event\(s\)\)/,
    );
    assert.match(
      run.stderr,
      /"msg":"affiliation file absent: closing rule applied as for a day without affiliations"/,
    );
    assert.deepEqual(await pairs(), [
      'L1-E1:2026-09-05',
      'L2-E1:2026-09-05',
      'L3-E1:2026-09-02',
      'L4-E1:2026-09-07',
    ]);
  });
});
