import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../../core/catalog/load';
import type { ConnectorEvent } from '../../../core/events/contract';
import { topicNames } from '../../../core/events/topics';
import { createLogger } from '../../../core/logger';
import { asFileName, dayStamp, dropId, orgId, type TopicName } from '../../../core/types';
import type { SpooledDrop } from '../../../producer/drop/spool';
import { planDrop, plannedEvents, type PlannedEvent } from '../../../producer/task/drop-plan';
import { ingestDrop } from '../../../producer/task/ingest-drop';
import type { DropOutput } from '../../../producer/task/output';

const catalog = loadCatalog();
const names = (...files: string[]): { name: ReturnType<typeof asFileName> }[] =>
  files.map((f) => ({ name: asFileName(f) }));
const show = (e: PlannedEvent): string => `${e.op} ${e.file}${e.list === undefined ? '' : ` <- ${e.list}`}`;

describe('planDrop', () => {
  it('skips unknown and deprecated files first, in the order of the drop', () => {
    const steps = planDrop(catalog, names('Ratings.csv', 'Nope.csv', 'Observation_Survey.csv', 'Goals.csv'));
    assert.deepEqual(
      steps.filter((s) => s.kind === 'skip').map((s) => [s.file, s.why]),
      [
        ['Nope.csv', 'unknown'],
        ['Observation_Survey.csv', 'deprecated'],
      ],
    );
    assert.equal(
      steps.findIndex((s) => s.kind !== 'skip'),
      2,
      'no other step before the skips',
    );
  });

  it('orders a list, its children (drops, then rows), affiliations, then deletions', () => {
    const events = plannedEvents(
      planDrop(
        catalog,
        names(
          'Goals_Deleted.csv',
          'Ratings.csv',
          'User_Affiliations.csv',
          'Goals.csv',
          'Observation_Modified.csv',
          'User_Modified.csv',
        ),
      ),
    ).map(show);
    const at = (event: string): number => {
      const i = events.indexOf(event);
      assert.notEqual(i, -1, `${event} is planned`);
      return i;
    };
    // Rows of lists and entities, in catalog order, before anything that reads a list.
    assert.ok(at('row Observation_Modified.csv') < at('drop Ratings.csv <- Observation_Modified.csv'));
    assert.ok(at('row User_Modified.csv') < at('row User_Affiliations.csv'));
    // A child's purge events come before its rows, and every child comes before the affiliations.
    assert.ok(at('drop Ratings.csv <- Observation_Modified.csv') < at('row Ratings.csv'));
    assert.ok(at('row Ratings.csv') < at('row User_Affiliations.csv'));
    // Close events follow the day's affiliation rows.
    assert.ok(at('row User_Affiliations.csv') < at('close User_Affiliations.csv <- User_Modified.csv'));
    // A deletion list goes last: its rows, then its drops, after that day's rows of the files it deletes from.
    assert.ok(at('close User_Affiliations.csv <- User_Modified.csv') < at('row Goals_Deleted.csv'));
    assert.ok(at('row Goals.csv') < at('drop Goals.csv <- Goals_Deleted.csv'));
    assert.deepEqual(events.slice(at('row Goals_Deleted.csv')), [
      'row Goals_Deleted.csv',
      'drop Goals.csv <- Goals_Deleted.csv',
      'drop Goal_Posts.csv <- Goals_Deleted.csv',
      'drop Goals_Questions.csv <- Goals_Deleted.csv',
      'drop Goals_Indicators.csv <- Goals_Deleted.csv',
    ]);
  });

  it('plans every child even when absent (its list may name parents) and no absent entity or deletion list', () => {
    const steps = planDrop(catalog, names('Observation_Modified.csv'));
    const children = catalog.entries.filter((e) => e.kind === 'child').map((e) => e.file);
    assert.deepEqual(
      steps.filter((s) => s.kind === 'child').map((s) => s.entry.file),
      children,
    );
    assert.deepEqual(
      steps.filter((s) => s.kind === 'rows').map((s) => [s.entry.file, s.collectIds]),
      [['Observation_Modified.csv', true]],
    );
    assert.equal(steps.filter((s) => s.kind === 'deletion-list').length, 0);
    assert.equal(steps.filter((s) => s.kind === 'affiliation').length, 1);
  });

  it('is pure: the same names give the same plan, whatever their order', () => {
    const a = planDrop(catalog, names('Ratings.csv', 'Goals.csv', 'Observation_Modified.csv'));
    const b = planDrop(catalog, names('Observation_Modified.csv', 'Goals.csv', 'Ratings.csv'));
    assert.deepEqual(plannedEvents(a).map(show), plannedEvents(b).map(show));
  });
});

describe('ingestDrop follows its plan', () => {
  it('publishes in the planned order, read from local files with no server', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'edreflect-plan-'));
    const contents: Record<string, string> = {
      'Observation_Modified.csv': 'observation_group_id\n1002\n1003\n',
      'Ratings.csv': 'observation_group_id,indicator_id,rating\n1002,7,3\n1009,8,2\n',
      'User_Modified.csv': 'employee_id,user_modified_date\nE1,2024-05-02\n',
      'User_Affiliations.csv': 'learner_employee_id,observer_employee_id,date_deleted\nE1,E2,\n',
      'Goals.csv': 'goal_id,goal_name\nG1,first\n',
      'Goals_Deleted.csv': 'goal_id\nG9\n',
    };
    const files = Object.entries(contents).map(([name, text]) => {
      const localPath = path.join(folder, name);
      writeFileSync(localPath, text);
      return {
        name: asFileName(name),
        path: name,
        size: text.length,
        modifiedAt: new Date(0),
        localPath,
        sha256: '',
      };
    });
    const drop: SpooledDrop = {
      id: dropId('ab'.repeat(8)),
      org: orgId('o1'),
      day: dayStamp('2024-05-02'),
      label: '',
      modifiedAt: new Date(0),
      files,
      folder,
      discard: async () => undefined,
    };
    const topics = topicNames('plan');
    const fileOf = new Map<TopicName, string>(
      catalog.entries.map((e) => [topics.forCollection(e.collection), e.file]),
    );
    const published: string[] = [];
    const record = async (topic: TopicName, key: string, event: ConnectorEvent): Promise<void> => {
      const what = event.op === 'row' ? '' : event.op === 'drop' ? ` ${event.value}` : ` ${event.employee}`;
      published.push(`${event.op} ${fileOf.get(topic)} ${key}${what}`);
    };
    const output: DropOutput = {
      rowSchema: async () => 1,
      row: (topic, _id, key, event) => record(topic, key, event),
      encodedRow: async (topic, key) => void published.push(`row ${fileOf.get(topic)} ${key.toString()}`),
      purge: (topic, key, event) => record(topic, key, event),
      close: (topic, key, event) => record(topic, key, event),
      deadLetter: async (letter) => void published.push(`dead letter ${letter.file}`),
    };
    const report = await ingestDrop(drop, {
      catalog,
      topics,
      output,
      logger: createLogger({ level: 'error' }),
    });

    assert.deepEqual(published, [
      'row Observation_Modified.csv o1|1002',
      'row Observation_Modified.csv o1|1003',
      'row User_Modified.csv o1|E1',
      'row Goals.csv o1|G1',
      // every child of a list gets its purge events, present in the drop or not
      'drop Aggregated_Observation_Ratings.csv o1|1002 1002',
      'drop Aggregated_Observation_Ratings.csv o1|1003 1003',
      'drop Aggregated_Snapshot_Ratings.csv o1|1002 1002',
      'drop Aggregated_Snapshot_Ratings.csv o1|1003 1003',
      'drop Observation_Answers.csv o1|1002 1002',
      'drop Observation_Answers.csv o1|1003 1003',
      'drop Observation_Comments.csv o1|1002 1002',
      'drop Observation_Comments.csv o1|1003 1003',
      'drop Observation_Feedback.csv o1|1002 1002',
      'drop Observation_Feedback.csv o1|1003 1003',
      'drop Observation_Forms.csv o1|1002 1002',
      'drop Observation_Forms.csv o1|1003 1003',
      'drop Observation_Participants.csv o1|1002 1002',
      'drop Observation_Participants.csv o1|1003 1003',
      'drop Observation_Snapshots.csv o1|1002 1002',
      'drop Observation_Snapshots.csv o1|1003 1003',
      // the list's parents, then the parent the child's own rows carry, then the rows
      'drop Ratings.csv o1|1002 1002',
      'drop Ratings.csv o1|1003 1003',
      'drop Ratings.csv o1|1009 1009',
      'row Ratings.csv o1|1002',
      'row Ratings.csv o1|1009',
      'drop User_Accounts.csv o1|E1 E1',
      'drop User_Grades.csv o1|E1 E1',
      'drop User_Groups.csv o1|E1 E1',
      'drop User_Roles.csv o1|E1 E1',
      'drop User_Subjects.csv o1|E1 E1',
      'row User_Affiliations.csv o1|E1|E2',
      'close User_Affiliations.csv o1|E1 E1',
      'row Goals_Deleted.csv o1|G9',
      'drop Goals.csv o1|G9 G9',
      'drop Goal_Posts.csv o1|G9 G9',
      'drop Goals_Questions.csv o1|G9 G9',
      'drop Goals_Indicators.csv o1|G9 G9',
    ]);
    assert.equal(report.files.find((f) => f.file === 'User_Roles.csv')?.status, 'absent');
    const ratings = report.files.find((f) => f.file === 'Ratings.csv');
    assert.equal(ratings?.purgeEvents, 3);
    assert.deepEqual(ratings?.parentsFromRows, { count: 1, first: ['1009'] });
    assert.equal(report.files.find((f) => f.file === 'Goals_Deleted.csv')?.purgeEvents, 4);
    assert.equal(report.files.find((f) => f.file === 'User_Affiliations.csv')?.closeEvents, 1);
    assert.deepEqual(
      report.files.map((f) => f.file),
      [
        'Observation_Modified.csv',
        'User_Modified.csv',
        'Goals.csv',
        // absent children whose list names parents are reported absent
        'Aggregated_Observation_Ratings.csv',
        'Aggregated_Snapshot_Ratings.csv',
        'Observation_Answers.csv',
        'Observation_Comments.csv',
        'Observation_Feedback.csv',
        'Observation_Forms.csv',
        'Observation_Participants.csv',
        'Observation_Snapshots.csv',
        'Ratings.csv',
        'User_Accounts.csv',
        'User_Grades.csv',
        'User_Groups.csv',
        'User_Roles.csv',
        'User_Subjects.csv',
        'User_Affiliations.csv',
        'Goals_Deleted.csv',
      ],
      'one report per file, in the order of the plan',
    );
  });
});
