/**
 * Poison events on a real topic, between good drops: bytes that are not Avro, a record without `_source`,
 * and a row MongoDB (FerretDB) refuses to store. Each goes to the dead-letter topic with its reason and
 * origin (topic, partition, offset); the good events around them, in the same partition, are applied;
 * `consume --until-idle` ends with exit status 2 and `status` counts them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import { SOURCE_SCHEMA } from '../../core/events/contract';
import { runCli, type CliResult } from '../support/cli';
import { localOrgFolder, type LocalOrgFolder } from '../support/drops';
import { deadLetters } from '../support/topics';
import { createWorld, requireEnv, type World } from '../support/world';

const RATINGS = 'observation_group_id,indicator_id,rating,school_year';

interface Injected {
  readonly what: string;
  readonly partition: number;
  readonly offset: string;
}

async function inject(kafka: Kafka, topic: string, org: string): Promise<Injected[]> {
  const registry = new SchemaRegistry({ host: requireEnv('SCHEMA_REGISTRY_URL') });
  const register = async (name: string, fields: object[]): Promise<number> =>
    (
      await registry.register(
        {
          type: SchemaType.AVRO,
          schema: JSON.stringify({ type: 'record', name, namespace: 'edreflect.poison', fields }),
        },
        { subject: `${topic}-edreflect.poison.${name}` },
      )
    ).id;
  const noSource = await register('NoSource', [{ name: 'rating', type: 'double' }]);
  const infinite = await register('Infinite', [
    { name: '_source', type: SOURCE_SCHEMA },
    { name: 'observation_group_id', type: 'string' },
    { name: 'rating', type: 'double' },
  ]);
  const source = { org, drop: 'ab'.repeat(16), day: '2026-09-01', file: 'Ratings.csv', line: 99 };
  const headers = { 'edreflect.op': 'row', 'edreflect.org': org, 'edreflect.file': 'Ratings.csv' };
  const poison = [
    { what: 'garbage bytes', value: Buffer.from('definitely not avro') },
    { what: 'a record without _source', value: await registry.encode(noSource, { rating: 3 }) },
    {
      what: 'a rating of Infinity (FerretDB refuses infinite numbers)',
      value: await registry.encode(infinite, {
        _source: source,
        observation_group_id: '1001',
        rating: Infinity,
      }),
    },
  ];
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    const out: Injected[] = [];
    for (const p of poison) {
      // The key of parent 1001: the poison lands in the partition of good rows of day 1 and day 2.
      const [meta] = await producer.send({
        topic,
        acks: -1,
        messages: [{ key: `${org}|1001`, value: p.value, headers }],
      });
      out.push({ what: p.what, partition: meta!.partition, offset: meta!.baseOffset! });
      console.log(`injected ${p.what} at ${topic} partition ${meta!.partition} offset ${meta!.baseOffset}`);
    }
    return out;
  } finally {
    await producer.disconnect();
  }
}

describe('poison events', () => {
  let world: World;
  let folder: LocalOrgFolder;
  let env: NodeJS.ProcessEnv;
  let injected: Injected[];
  let consumed: CliResult;

  before(async () => {
    world = createWorld('poison');
    folder = localOrgFolder();
    env = world.env({ EDREFLECT_SOURCE: folder.url });
    folder.writeDay('2026-09-01', {
      'Observation_Modified.csv': 'observation_group_id\n1001\n1002\n',
      'Ratings.csv': `${RATINGS}\n1001,I-1,3,2026\n1001,I-2,2,2026\n1002,I-1,4,2026\n`,
    });
    assert.equal((await runCli(['produce', '--once'], env)).code, 0);
    injected = await inject(world.kafka(), `${world.prefix}ratings`, world.org);
    folder.writeDay('2026-09-02', {
      'Observation_Modified.csv': 'observation_group_id\n1001\n',
      'Ratings.csv': `${RATINGS}\n1001,I-3,1,2026\n`,
    });
    assert.equal((await runCli(['produce', '--once'], env)).code, 0);
    consumed = await runCli(['consume', '--until-idle'], env);
  });
  after(() => world.close());

  it('ends with exit status 2 and says how many were dead-lettered', () => {
    assert.equal(consumed.code, 2, consumed.stderr);
    assert.match(consumed.stdout, /; 3 dead-lettered$/m);
  });

  it('applies the good events before and after them, in the same partition', async () => {
    const ratings = await (
      await world.db()
    )
      .collection('ratings')
      .find({}, { projection: { _id: 0, observation_group_id: 1, indicator_id: 1, rating: 1 } })
      .sort({ observation_group_id: 1, indicator_id: 1 })
      .toArray();
    assert.deepEqual(ratings, [
      { observation_group_id: '1001', indicator_id: 'I-3', rating: 1 },
      { observation_group_id: '1002', indicator_id: 'I-1', rating: 4 },
    ]);
  });

  it('dead-letters each with its reason and origin', async () => {
    const letters = (await deadLetters(world.kafka(), world.prefix)).filter((l) => l.stage === 'consume');
    const at = (i: Injected) =>
      letters.find((l) => l.origin?.offset === i.offset && l.origin.partition === i.partition);
    const [garbage, noSource, infinite] = injected.map(at);
    for (const l of [garbage, noSource, infinite]) {
      assert.ok(l, `a dead letter for each injected event: ${JSON.stringify(letters)}`);
      assert.equal(l.org, world.org);
      assert.equal(l.origin?.topic, `${world.prefix}ratings`);
      assert.equal(l.file, 'Ratings.csv');
    }
    assert.match(garbage!.reason, /^cannot decode the event: Message encoded with magic byte/);
    assert.equal(noSource!.reason, 'the event has no valid _source record');
    assert.match(infinite!.reason, /^MongoDB rejected the write \(code 2\): .*infinity/i);
    assert.equal(letters.length, 3);
  });

  it('status shows them, and the ratings applied through day 2 with no lag', async () => {
    const status = await runCli(['status'], env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(
      status.stdout,
      new RegExp(
        `org ${world.org}: published 2 drop\\(s\\), newest day 2026-09-02; dead letters: 0 at produce, 3 at consume`,
      ),
    );
    assert.match(status.stdout, /^ {2}ratings\s+2026-09-02\s+\w{12}\s+\d+\s+\S+\s+0\s+up to date$/m);
    const json = JSON.parse((await runCli(['status', '--json'], env)).stdout) as {
      orgs: { org: string; deadLetters: { consume: number } }[];
    };
    assert.equal(json.orgs.find((o) => o.org === world.org)?.deadLetters.consume, 3);
  });
});
