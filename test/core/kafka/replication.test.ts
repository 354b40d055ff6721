/**
 * Topic replication from the settings or the cluster: the rule, and topics really created on the stack's
 * broker(s) with the replication factor and min.insync.replicas it gives.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigResourceTypes, ConfigSource, type Admin } from 'kafkajs';
import { ConfigError } from '../../../core/errors';
import { replicationSettings, resolveReplication } from '../../../core/kafka/replication';
import { ensureTopics } from '../../../core/kafka/topics';
import { asTopic } from '../../../core/types';
import { createWorld, type World } from '../../support/world';

describe('topic replication', () => {
  it('defaults to 3 copies (fewer brokers: that many) and one less in sync', () => {
    assert.deepEqual(resolveReplication({}, 1), { replicationFactor: 1, minInsyncReplicas: 1 });
    assert.deepEqual(resolveReplication({}, 2), { replicationFactor: 2, minInsyncReplicas: 1 });
    assert.deepEqual(resolveReplication({}, 3), { replicationFactor: 3, minInsyncReplicas: 2 });
    assert.deepEqual(resolveReplication({}, 7), { replicationFactor: 3, minInsyncReplicas: 2 });
    assert.deepEqual(resolveReplication({ replicationFactor: 2 }, 3), {
      replicationFactor: 2,
      minInsyncReplicas: 1,
    });
    assert.deepEqual(resolveReplication({ minInsyncReplicas: 3 }, 3), {
      replicationFactor: 3,
      minInsyncReplicas: 3,
    });
  });

  it('refuses a factor above the brokers and a min.insync above the factor, naming the setting', () => {
    assert.throws(
      () => resolveReplication({ replicationFactor: 3 }, 1),
      (e: unknown) =>
        e instanceof ConfigError &&
        /EDREFLECT_REPLICATION_FACTOR is 3 but the Kafka cluster has 1 broker:/.test(e.message),
    );
    assert.throws(
      () => resolveReplication({ replicationFactor: 2, minInsyncReplicas: 3 }, 3),
      (e: unknown) =>
        e instanceof ConfigError &&
        /EDREFLECT_MIN_INSYNC_REPLICAS is 3 but the replication factor is 2/.test(e.message),
    );
    assert.throws(
      () => replicationSettings({ EDREFLECT_REPLICATION_FACTOR: 'three' }),
      (e: unknown) =>
        e instanceof ConfigError && /EDREFLECT_REPLICATION_FACTOR must be a whole number/.test(e.message),
    );
  });

  describe('on the stack', () => {
    let world: World;
    let admin: Admin;
    let brokers: number;
    before(async () => {
      world = createWorld('replication');
      admin = world.kafka().admin();
      await admin.connect();
      brokers = (await admin.describeCluster()).brokers.length;
    });
    after(async () => {
      await admin.disconnect();
      await world.close();
    });

    const describeTopic = async (topic: string) => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const { resources } = await admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
        includeSynonyms: false,
      });
      const entry = resources[0]!.configEntries.find((c) => c.configName === 'min.insync.replicas');
      return {
        replicas: topics[0]!.partitions.map((p) => p.replicas.length),
        // Set on the topic itself, not inherited from the broker's configuration.
        minInsync:
          entry?.configSource === ConfigSource.TOPIC_CONFIG ? entry.configValue : 'not set on the topic',
      };
    };

    it('creates topics with the cluster’s defaults', async () => {
      const topic = asTopic(`${world.prefix}defaults`);
      await ensureTopics(admin, [{ topic, partitions: 2 }], {});
      const expected = resolveReplication({}, brokers);
      assert.deepEqual(await describeTopic(topic), {
        replicas: [expected.replicationFactor, expected.replicationFactor],
        minInsync: String(expected.minInsyncReplicas),
      });
    });

    it('creates topics with the configured min.insync.replicas and factor', async () => {
      const topic = asTopic(`${world.prefix}configured`);
      await ensureTopics(admin, [{ topic, partitions: 1, compacted: true }], {
        replicationFactor: brokers,
        minInsyncReplicas: 1,
      });
      assert.deepEqual(await describeTopic(topic), { replicas: [brokers], minInsync: '1' });
    });

    it('refuses, before creating anything, a factor the cluster cannot hold', async () => {
      const topic = asTopic(`${world.prefix}too-many`);
      await assert.rejects(
        ensureTopics(admin, [{ topic, partitions: 1 }], { replicationFactor: brokers + 1 }),
        new RegExp(
          `EDREFLECT_REPLICATION_FACTOR is ${brokers + 1} but the Kafka cluster has ${brokers} broker`,
        ),
      );
      assert.equal((await admin.listTopics()).includes(topic), false);
    });
  });
});
