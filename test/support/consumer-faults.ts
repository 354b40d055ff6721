/**
 * For the consumer fault tests: three days with thousands of child rows across many parents (a parent
 * listed again on a later day loses its earlier rows), published once; a reference database filled by an
 * undisturbed consumer; and helpers to watch a consumer's progress in MongoDB and to wait for its group.
 */
import assert from 'node:assert/strict';
import type { Db } from 'mongodb';
import { pendingPartitions } from '../../consumer/group/idle';
import { runCli } from './cli';
import { log } from './faults';
import { localOrgFolder } from './drops';
import { snapshot, type Snapshot } from './snapshot';
import type { World } from './world';

export const FAULT_SETTINGS = { EDREFLECT_PARTITIONS: '4', EDREFLECT_CONSUMER_CONCURRENCY: '3' };

/** Day d lists parents 20d .. 20d+39 (so 20 of them again the next day), each with `perParent` ratings. */
export function faultDays(perParent: number): Record<string, Record<string, string>> {
  const days: Record<string, Record<string, string>> = {};
  for (let d = 0; d < 3; d++) {
    const parents = Array.from({ length: 40 }, (_, i) => `OG-${20 * d + i}`);
    const ratings = parents.flatMap((p) =>
      Array.from(
        { length: perParent },
        (_, k) => `${p},IND-${k},${(k % 4) + 1},day ${d + 1} rating ${k},2026`,
      ),
    );
    days[`2026-09-0${d + 1}`] = {
      'Observation_Modified.csv': ['observation_group_id', ...parents].join('\n') + '\n',
      'Observations.csv':
        ['observation_group_id,observation_date', ...parents.map((p) => `${p},2026-09-0${d + 1}`)].join(
          '\n',
        ) + '\n',
      'Ratings.csv':
        ['observation_group_id,indicator_id,rating,rating_label,school_year', ...ratings].join('\n') + '\n',
    };
  }
  return days;
}

/** Publishes the three days and fills `<db>_clean` with an undisturbed consumer group; returns its snapshot. */
export async function publishAndReference(world: World, perParent: number): Promise<Snapshot> {
  const folder = localOrgFolder();
  for (const [day, files] of Object.entries(faultDays(perParent))) folder.writeDay(day, files);
  const env = world.env({ ...FAULT_SETTINGS, EDREFLECT_SOURCE: folder.url });
  const produced = await runCli(['produce', '--once'], env, { timeoutMs: 300_000 });
  assert.equal(produced.code, 0, produced.stderr);
  const started = Date.now();
  const clean = await runCli(
    ['consume', '--until-idle'],
    { ...env, MONGODB_DB: `${world.dbName}_clean`, EDREFLECT_CONSUMER_GROUP: `t-${world.id}-clean` },
    { timeoutMs: 300_000 },
  );
  assert.equal(clean.code, 0, clean.stderr);
  log(`reference run: ${clean.stdout.trim()} in ${Date.now() - started} ms`);
  const db = (await world.db()).client.db(`${world.dbName}_clean`);
  const expected = await snapshot(db);
  await db.dropDatabase();
  return expected;
}

/** Resolves once the collection holds more than `count` documents (polled every 50 ms). */
export async function whenMoreThan(
  db: Db,
  collection: string,
  count: number,
  timeoutMs = 120_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await db.collection(collection).countDocuments({});
    if (n > count) return n;
    if (Date.now() > deadline) throw new Error(`${collection} never held more than ${count} documents`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves once the group has committed the end of every partition of the world's topics. */
export async function whenGroupIdle(
  world: World,
  group: string,
  topics: string[],
  timeoutMs = 180_000,
): Promise<void> {
  const admin = world.kafka().admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while ((await pendingPartitions(admin, group, topics)).length > 0) {
      if (Date.now() > deadline) throw new Error(`group ${group} not idle after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await admin.disconnect();
  }
}
