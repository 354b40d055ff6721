/** Events this process applied already are skipped when kafkajs hands them over again (a stale fetch, a rejoin). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KafkaMessage } from 'kafkajs';
import { appliedOffsets } from '../../../consumer/batch/applied-offsets';

const messages = (from: number, to: number): KafkaMessage[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ offset: String(from + i) }) as KafkaMessage);
const offsets = (ms: readonly KafkaMessage[]): string[] => ms.map((m) => m.offset);

describe('applied offsets', () => {
  it('hands over a partition never applied as it is, with nothing to resolve', () => {
    const applied = appliedOffsets();
    const batch = messages(100, 104);
    assert.deepEqual(applied.skipApplied('t:0', batch), { messages: batch });
  });

  it('hands over the batch after the applied offset as it is', () => {
    const applied = appliedOffsets();
    applied.advance('t:0', '99');
    const batch = messages(100, 104);
    assert.deepEqual(applied.skipApplied('t:0', batch), { messages: batch });
  });

  it('skips a batch applied already, and names the offset to resolve so kafkajs moves past it', () => {
    const applied = appliedOffsets();
    applied.advance('t:0', '1099');
    const skipped = applied.skipApplied('t:0', messages(100, 1099));
    assert.deepEqual(offsets(skipped.messages), []);
    assert.equal(skipped.appliedUpTo, '1099');
  });

  it('keeps what follows the applied offset, partition by partition', () => {
    const applied = appliedOffsets();
    applied.advance('t:0', '1099');
    const partly = applied.skipApplied('t:0', messages(1097, 1101));
    assert.deepEqual(offsets(partly.messages), ['1100', '1101']);
    assert.equal(partly.appliedUpTo, '1099');
    assert.deepEqual(applied.skipApplied('t:1', messages(100, 101)).appliedUpTo, undefined);
  });

  it('never moves back: an older offset recorded later leaves the newer one', () => {
    const applied = appliedOffsets();
    applied.advance('t:0', '1099');
    applied.advance('t:0', '599');
    assert.equal(applied.skipApplied('t:0', messages(1000, 1100)).appliedUpTo, '1099');
  });

  it('keeps a gap after the applied offset (transaction markers have offsets of their own)', () => {
    const applied = appliedOffsets();
    applied.advance('t:0', '10');
    assert.deepEqual(applied.skipApplied('t:0', messages(13, 14)), { messages: messages(13, 14) });
  });
});
