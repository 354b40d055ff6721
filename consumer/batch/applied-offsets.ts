/**
 * The offset up to which this process has applied each partition, so that events kafkajs hands over again
 * are not applied a second time out of order. kafkajs builds a fetch at the partition's position and hands
 * its response to eachBatch without checking that the position is still the same: a response to a fetch
 * made before a leader change can arrive after the newer events of that partition were applied, and
 * applying it then would put older rows back over newer ones (a purge and upsert of day D after day D+1).
 * What this process applied is durable in MongoDB (a chunk counts once its writes and sync record are
 * done), so those events can be skipped; the events after them are applied in order as always.
 */
import type { KafkaMessage } from 'kafkajs';

export interface AppliedOffsets {
  /** The messages of a batch from the first one this process has not applied yet. */
  unapplied(partition: string, messages: readonly KafkaMessage[]): readonly KafkaMessage[];
  /** Records that every message of the partition up to `offset` is applied. */
  advance(partition: string, offset: string): void;
  /** The next offset to apply in the partition, if this process applied any of it. */
  next(partition: string): bigint | undefined;
}

export function appliedOffsets(): AppliedOffsets {
  const nextOf = new Map<string, bigint>();
  return {
    unapplied(partition, messages) {
      const next = nextOf.get(partition);
      if (next === undefined) return messages;
      const first = messages.findIndex((m) => BigInt(m.offset) >= next);
      return first === -1 ? [] : first === 0 ? messages : messages.slice(first);
    },
    advance(partition, offset) {
      const after = BigInt(offset) + 1n;
      if (after > (nextOf.get(partition) ?? -1n)) nextOf.set(partition, after);
    },
    next: (partition) => nextOf.get(partition),
  };
}
