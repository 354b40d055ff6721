/**
 * kafkajs's default partitioner (Java-compatible: `(murmur2(key) & 0x7fffffff) % partitions`) without its
 * per-message garbage: kafkajs computes murmur2 with 64-bit `Long` objects (dozens per key) and filters
 * the partition list on every message. The hash only ever keeps the low 32 bits, so `Math.imul` gives
 * the same number; ASCII keys (all of ours: `org|id`) are hashed from their char codes without a Buffer.
 * Messages without a key, or with a partition, go to kafkajs's own partitioner.
 *
 * Same key, same partition as before is what keeps a purge event behind the earlier rows of its parent
 * (design.md), so test/producer/publish/partitioner.test.ts checks every result against kafkajs's.
 */
import { Partitioners, type ICustomPartitioner } from 'kafkajs';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's murmur2 of a key's UTF-8 bytes, as a signed 32-bit number. */
export function murmur2(key: string | Buffer): number {
  if (typeof key === 'string') {
    for (let i = 0; i < key.length; i++)
      if (key.charCodeAt(i) > 0x7f) return murmur2Bytes(Buffer.from(key), (b, j) => b[j]!);
    return murmur2Bytes(key, (s, j) => s.charCodeAt(j));
  }
  return murmur2Bytes(key, (b, j) => b[j]!);
}

function murmur2Bytes<T extends { readonly length: number }>(
  data: T,
  at: (data: T, i: number) => number,
): number {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length >>> 2;
  for (let i = 0; i < whole; i++) {
    const i4 = i * 4;
    let k = at(data, i4) | (at(data, i4 + 1) << 8) | (at(data, i4 + 2) << 16) | (at(data, i4 + 3) << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const tail = length & ~3;
  const rest = length & 3;
  if (rest === 3) h ^= at(data, tail + 2) << 16;
  if (rest >= 2) h ^= at(data, tail + 1) << 8;
  if (rest >= 1) h = Math.imul(h ^ at(data, tail), M);
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

export const keyPartitioner: ICustomPartitioner = () => {
  const fallback = Partitioners.DefaultPartitioner();
  return (args) => {
    const { message, partitionMetadata } = args;
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    if (message.key === null || message.key === undefined) return fallback(args);
    return (murmur2(message.key) & 0x7fffffff) % partitionMetadata.length;
  };
};
