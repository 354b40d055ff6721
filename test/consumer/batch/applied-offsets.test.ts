/** Events this process applied already are skipped when kafkajs hands them over again (a stale fetch). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KafkaMessage } from 'kafkajs';
import { appliedOffsets } from '../../../consumer/batch/applied-offsets';

const messages = (from: number, to: number): KafkaMessage[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ offset: String(from + i) }) as KafkaMessage);
const offsets = (ms: readonly KafkaMessage[]): string[] => ms.map((m) => m.offset);

describe('applied offsets', () => {
  it('hands over a partition never applied as it is', () => {
    const applied = appliedOffsets();
    const batch = messages(100, 104);
    assert.equal(applied.unapplied('t:0', batch), batch);
    assert.equal(applied.next('t:0'), undefined);
  });

  it('skips a batch applied already and keeps what follows it, partition by partition', () => {
    const applied = appliedOffsets();
    applied.advance('t:0', '1099');
    assert.equal(applied.next('t:0'), 1100n);
    assert.deepEqual(offsets(applied.unapplied('t:0', messages(100, 1099))), []);
    assert.deepEqual(offsets(applied.unapplied('t:0', messages(1097, 1101))), ['1100', '1101']);
    assert.deepEqual(offsets(applied.unapplied('t:1', messages(100, 101))), ['100', '101']);
  });

  it('never moves back: an older offset recorded later leaves the newer one', () => {
    const applied = appliedOffsets();
    applied.advance('t:0', '1099');
    applied.advance('t:0', '599');
    assert.equal(applied.next('t:0'), 1100n);
  });

  it('keeps a gap after the applied offset (transaction markers have offsets of their own)', () => {
    const applied = appliedOffsets();
    applied.advance('t:0', '10');
    assert.deepEqual(offsets(applied.unapplied('t:0', messages(13, 14))), ['13', '14']);
  });
});
