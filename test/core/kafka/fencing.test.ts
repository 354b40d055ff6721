/**
 * Two producers of one transactional id, on the stack's broker: kafkajs's `connect()` fences nobody, and
 * `claimTransactionalId` does. produce-once reads its ledger after the claim; a ledger read before it can
 * miss a drop the other producer commits meanwhile, and the drop is published twice (seen in CI: the
 * race of two `produce --once` of one org published the legacy-id maps twice).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Producer } from 'kafkajs';
import { claimTransactionalId, isFenced, waitForTransactionsComplete } from '../../../core/kafka/fencing';
import { ensureTopics } from '../../../core/kafka/topics';
import { asTopic } from '../../../core/types';
import { readAll } from '../../support/topics';
import { createWorld, type World } from '../../support/world';

describe('a transactional id, claimed', () => {
  let world: World;
  const producers: Producer[] = [];
  const topic = (): string => `${world.prefix}fenced`;

  before(async () => {
    world = createWorld('fencing');
    const admin = world.kafka().admin();
    await admin.connect();
    try {
      await ensureTopics(admin, [{ topic: asTopic(topic()), partitions: 1 }], {});
    } finally {
      await admin.disconnect();
    }
  });
  after(async () => {
    await Promise.all(producers.map((p) => p.disconnect()));
    await world.close();
  });

  const connected = async (transactionalId: string): Promise<Producer> => {
    const producer = world.kafka().producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
    producers.push(producer);
    await producer.connect();
    return producer;
  };
  const publish = async (producer: Producer, value: string): Promise<void> => {
    const transaction = await producer.transaction();
    try {
      await transaction.send({ topic: topic(), messages: [{ value }] });
      await transaction.commit();
    } catch (err) {
      await transaction.abort().catch(() => undefined);
      throw err;
    }
  };

  it("kafkajs's connect alone does not fence the producer that holds the id", async () => {
    const id = `${world.id}-connect`;
    const first = await connected(id);
    await claimTransactionalId(first);
    await connected(id); // a second process starting: connected, no transaction yet
    await publish(first, 'first, after the second connected');
    const values = (await readAll(world.kafka(), topic())).map((m) => m.value?.toString());
    assert.ok(values.includes('first, after the second connected'), JSON.stringify(values));
  });

  it('a claim fences the producer that held the id: its next transaction is refused as fenced', async () => {
    const id = `${world.id}-claim`;
    const first = await connected(id);
    await claimTransactionalId(first);
    const second = await connected(id);
    await claimTransactionalId(second);
    const refused = await publish(first, 'first, fenced').then(
      () => undefined,
      (err: unknown) => err,
    );
    assert.ok(refused !== undefined, 'the fenced producer published');
    assert.ok(isFenced(refused), `refused as fenced, not: ${String(refused)}`);
    await publish(second, 'second, the holder');
    const values = (await readAll(world.kafka(), topic())).map((m) => m.value?.toString());
    assert.ok(values.includes('second, the holder'), JSON.stringify(values));
    assert.ok(!values.includes('first, fenced'), JSON.stringify(values));
  });

  it("a claim waits for the holder's committed transaction: what it committed is readable after the claim", async () => {
    const id = `${world.id}-committed`;
    const first = await connected(id);
    await claimTransactionalId(first);
    await publish(first, 'committed before the claim');
    const second = await connected(id);
    await claimTransactionalId(second);
    const values = (await readAll(world.kafka(), topic())).map((m) => m.value?.toString());
    assert.ok(values.includes('committed before the claim'), JSON.stringify(values));
  });
  it('waiting for the transactions to complete leaves what was committed readable, and the id taken', async () => {
    const id = `${world.id}-complete`;
    const holder = await connected(id);
    await claimTransactionalId(holder);
    await publish(holder, 'committed, then waited for');
    await waitForTransactionsComplete(world.kafka(), id);
    const values = (await readAll(world.kafka(), topic())).map((m) => m.value?.toString());
    assert.ok(values.includes('committed, then waited for'), JSON.stringify(values));
    const refused = await publish(holder, 'after the wait').then(
      () => undefined,
      (err: unknown) => err,
    );
    assert.ok(isFenced(refused), `the holder is fenced after the wait, not: ${String(refused)}`);
  });
});
