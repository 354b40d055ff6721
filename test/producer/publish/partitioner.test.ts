import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { keyPartitioner, murmur2 } from '../../../producer/publish/partitioner';

const metadata = (n: number): PartitionMetadata[] =>
  Array.from({ length: n }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
  }));

/** Keys of every length from 0 to 40, ASCII and not (accents, CJK, emoji), as strings and as Buffers. */
function keys(): string[] {
  let seed = 7;
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const alphabet = ['a', 'Z', '0', '9', '|', '-', ' ', '~', '\u007f', 'é', 'ü', 'ễ', '中', '😀', '\u0000'];
  const out = ['', 'org|1', 'acme|OG000123', 'bench-20261128-133755-bbb771-ours|OG00027499'];
  for (let n = 0; n < 20_000; n++) {
    const length = n % 41;
    let key = '';
    for (let i = 0; i < length; i++) key += alphabet[Math.floor(next() * alphabet.length)]!;
    out.push(key);
  }
  return out;
}

describe('keyPartitioner', () => {
  it('puts every key in the partition kafkajs would, for 1 to 12 partitions', () => {
    const theirs = Partitioners.DefaultPartitioner();
    const ours = keyPartitioner();
    for (const key of keys()) {
      for (let n = 1; n <= 12; n++) {
        const partitionMetadata = metadata(n);
        for (const k of [key, Buffer.from(key)]) {
          const args = { topic: 't', partitionMetadata, message: { key: k, value: null } };
          assert.equal(ours(args), theirs(args), `key ${JSON.stringify(key)} over ${n} partitions`);
        }
      }
    }
  });

  it('gives the Java client murmur2 of known keys', () => {
    // Values from Kafka's own UtilsTest.testMurmur2 (org.apache.kafka.common.utils).
    assert.equal(murmur2(Buffer.from('21')), -973932308);
    assert.equal(murmur2('foobar'), -790332482);
    assert.equal(murmur2('a-little-bit-long-string'), -985981536);
    assert.equal(murmur2('a-little-bit-longer-string'), -1486304829);
    assert.equal(murmur2('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'), -58897971);
    assert.equal(murmur2(Buffer.from([97, 98, 99])), 479470107);
  });

  it('leaves a given partition and keyless messages to kafkajs', () => {
    const ours = keyPartitioner();
    const partitionMetadata = metadata(4);
    assert.equal(
      ours({ topic: 't', partitionMetadata, message: { key: 'x', value: null, partition: 3 } }),
      3,
    );
    const seen = new Set<number>();
    for (let i = 0; i < 40; i++) seen.add(ours({ topic: 't', partitionMetadata, message: { value: null } }));
    assert.equal(seen.size, 4, 'round robin over the partitions');
  });
});
