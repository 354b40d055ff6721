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
  /**
   * The messages of a batch from the first one this process has not applied yet, and, when some were left
   * out, the offset they are applied up to: the batch's consumer must resolve it, or kafkajs (whose position
   * lies below it after a rejoin, which restarts from the committed offset) fetches them again and again.
   */
  skipApplied(partition: string, messages: readonly KafkaMessage[]): Unapplied;
  /** Records that every message of the partition up to `offset` is applied. */
  advance(partition: string, offset: string): void;
}

export interface Unapplied {
  readonly messages: readonly KafkaMessage[];
  /** Set when messages were left out: the last offset of the partition this process applied. */
  readonly appliedUpTo?: string;
}

export function appliedOffsets(): AppliedOffsets {
  const nextOf = new Map<string, bigint>();
  return {
    skipApplied(partition, messages) {
      const next = nextOf.get(partition);
      if (next === undefined || messages.length === 0 || BigInt(messages[0]!.offset) >= next)
        return { messages };
      const first = messages.findIndex((m) => BigInt(m.offset) >= next);
      return {
        messages: first === -1 ? [] : messages.slice(first),
        appliedUpTo: String(next - 1n),
      };
    },
    advance(partition, offset) {
      const after = BigInt(offset) + 1n;
      if (after > (nextOf.get(partition) ?? -1n)) nextOf.set(partition, after);
    },
  };
}
