import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kafkaClusterNodes, requestedBrokerCount } from '../../stack/kafka-layout';
import { stackPaths, stackPorts } from '../../stack/paths';

describe('the Kafka layout of the local stack', () => {
  it('takes the count from --brokers, else EDREFLECT_STACK_KAFKA_BROKERS, and accepts only 1 or 3', () => {
    assert.equal(requestedBrokerCount({}), undefined);
    assert.equal(requestedBrokerCount({ EDREFLECT_STACK_KAFKA_BROKERS: '3' }), 3);
    assert.equal(requestedBrokerCount({ EDREFLECT_STACK_KAFKA_BROKERS: '3' }, '1'), 1);
    assert.throws(() => requestedBrokerCount({}, '2'), /--brokers must be 1 or 3 \(got "2"\)/);
    assert.throws(
      () => requestedBrokerCount({ EDREFLECT_STACK_KAFKA_BROKERS: 'three' }),
      /EDREFLECT_STACK_KAFKA_BROKERS must be 1 or 3/,
    );
  });

  it('gives three nodes their own ports, folders and one three-voter quorum', () => {
    const env = { EDREFLECT_STACK_DIR: '/tmp/edreflect-layout-test', EDREFLECT_STACK_KAFKA_3_PORT: '41000' };
    const nodes = kafkaClusterNodes(stackPaths(env), stackPorts(env));
    assert.deepEqual(
      nodes.map((n) => [n.id, n.name, n.port, n.controllerPort, n.saslPort, n.dir]),
      [
        [1, 'kafka', 39092, 39093, 39094, '/tmp/edreflect-layout-test/kafka-cluster/node-1'],
        [2, 'kafka-2', 39095, 39096, 39097, '/tmp/edreflect-layout-test/kafka-cluster/node-2'],
        [3, 'kafka-3', 41000, 39099, 39100, '/tmp/edreflect-layout-test/kafka-cluster/node-3'],
      ],
    );
    for (const node of nodes)
      assert.equal(node.voters, '1@127.0.0.1:39093,2@127.0.0.1:39096,3@127.0.0.1:39099');
  });
});
