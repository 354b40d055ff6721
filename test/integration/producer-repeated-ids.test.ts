/**
 * The same id on two rows of a list, over the real servers: the last row in file order wins, its value and
 * its place. User_Modified.csv lists E1 (08:00), E2 (09:00), then E1 again (10:00); the two share the open
 * pair E1-E2, which is not among the day's rows. Closing in the order of the last rows (E2, then E1) gives
 * the pair E2's date, 09:00; the stored User_Modified row of E1 is the 10:00 one; and the repeat is
 * reported with the file, the id and both lines.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { localOrgWorld } from '../support/local-org-world';

const MODIFIED = 'employee_id,user_modified_date';
const AFFILIATIONS = 'learner_employee_id,observer_employee_id,date_deleted';

describe('an id repeated in a list', () => {
  const { world, folder, env } = localOrgWorld('repeated');

  const run = async (): Promise<{ code: number | null; stdout: string; stderr: string }> => {
    const produced = await runCli(['produce', '--once'], env);
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    return produced;
  };
  const collection = async (name: string): Promise<Record<string, unknown>[]> =>
    (await world.db()).collection(name).find({}).toArray();

  it('day 1: the pair E1-E2 is open', async () => {
    folder.writeDay('2026-09-01', {
      'User_Modified.csv': `${MODIFIED}\nE1,2026-09-01 08:00:00\n`,
      'User_Affiliations.csv': `${AFFILIATIONS}\nE1,E2,\n`,
    });
    const produced = await run();
    assert.equal(produced.code, 0, produced.stderr);
    assert.deepEqual(
      (await collection('user_affiliations')).map((d) => d['date_deleted']),
      [null],
    );
  });

  it('day 2: the last row of E1 wins, for its date and its place among the close events', async () => {
    folder.writeDay('2026-09-02', {
      'User_Modified.csv': `${MODIFIED}\nE1,2026-09-02 08:00:00\nE2,2026-09-02 09:00:00\nE1,2026-09-02 10:00:00\n`,
      'User_Affiliations.csv': `${AFFILIATIONS}\n`,
    });
    const produced = await run();
    assert.equal(produced.code, 0, produced.stderr);
    const summary = produced.stdout.split('\n').find((l) => l.trim().startsWith('User_Modified.csv'));
    assert.match(summary ?? '', /1 key\(s\) appear on more than one row/, produced.stdout);
    assert.match(produced.stderr, /"file":"User_Modified.csv".*"key":"E1","firstLine":2,"line":4/);
    const [pair] = await collection('user_affiliations');
    assert.equal(pair!['date_deleted'], '2026-09-02 09:00:00', 'closed by E2, whose close now comes first');
    const e1 = (await collection('user_modified')).find((d) => d['employee_id'] === 'E1');
    assert.equal(e1!['user_modified_date'], '2026-09-02 10:00:00');
  });
});
