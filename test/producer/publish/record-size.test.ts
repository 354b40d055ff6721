import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from 'kafkajs';
import { recordBytesAtMost } from '../../../producer/publish/record-size';

// kafkajs' own encoders: what the broker receives.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (r: object) => {
  size(): number;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RecordBatch: encodeBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (b: object) => Promise<{ size(): number }>;
};

let seed = 11;
const random = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const text = (n: number): string => Array.from({ length: n }, () => 'aé,"x'[random(5)]).join('');

function message(): Message {
  return {
    key: random(10) === 0 ? null : Buffer.from(text(random(40))),
    value: Buffer.alloc(random(3000)),
    headers: {
      'edreflect.op': 'row',
      'edreflect.org': text(random(60)),
      'edreflect.drop': 'f'.repeat(64),
      'edreflect.day': '2026-09-01',
      'edreflect.file': `${text(random(30))}.csv`,
      'edreflect.line': String(random(10_000_000)),
    },
  };
}

describe('recordBytesAtMost', () => {
  it('is never less than what kafkajs encodes for the record, whatever its offset and timestamp delta', () => {
    for (let i = 0; i < 2000; i++) {
      const m = message();
      const encoded = encodeRecord({
        key: m.key,
        value: m.value,
        headers: m.headers,
        offsetDelta: random(2_000_000),
        timestampDelta: random(1_000_000_000),
      }).size();
      const bound = recordBytesAtMost(m);
      assert.ok(bound >= encoded, `message ${i}: bound ${bound} < encoded ${encoded}`);
      assert.ok(bound - encoded <= 80, `message ${i}: bound ${bound} is far above ${encoded}`);
    }
  });

  it('keeps a single partition batch of 1,000,000 counted bytes under the broker default 1,048,588', async () => {
    const records: object[] = [];
    let counted = 0;
    for (;;) {
      const m = message();
      if (counted + recordBytesAtMost(m) > 1_000_000) break;
      counted += recordBytesAtMost(m);
      records.push(encodeRecord({ ...m, offsetDelta: records.length, timestampDelta: 0 }));
    }
    const batch = await encodeBatch({ records, transactional: true, lastOffsetDelta: records.length - 1 });
    assert.ok(batch.size() <= 1_048_588, `batch of ${records.length} records: ${batch.size()} bytes`);
  });
});
