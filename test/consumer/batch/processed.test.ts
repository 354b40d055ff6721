/** The processed record of one message: planned, refused for its event, or an error that retries the batch. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KafkaMessage } from 'kafkajs';
import { loadCatalog } from '../../../core/catalog/load';
import { ConnectorError } from '../../../core/errors';
import type { AvroCodec } from '../../../core/registry/codec';
import { applied, planned, processMessage } from '../../../consumer/batch/processed';

const catalog = loadCatalog();
const message = (offset: string, op = 'row'): KafkaMessage =>
  ({
    key: null,
    value: Buffer.from([0, 0, 0, 0, 1, 2]),
    timestamp: '0',
    attributes: 0,
    offset,
    size: 0,
    headers: { 'edreflect.op': op },
  }) as KafkaMessage;
const source = { org: 'd1', drop: 'ab'.repeat(16), day: '2026-09-01', file: 'Goals.csv', line: 2 };
const returning = (value: unknown): AvroCodec => ({
  encode: async () => Buffer.alloc(0),
  decode: async () => value,
});

describe('processMessage', () => {
  it('plans a good row: its event and its write intent, nothing refused', async () => {
    const record = await processMessage(
      catalog,
      returning({ _source: source, goal_id: 'g1' }),
      'goals',
      message('7'),
    );
    assert.equal(record.refused, undefined);
    assert.equal(record.event?.op, 'row');
    assert.equal(record.intent?.kind, 'replace');
    assert.equal(record.message.offset, '7');
  });

  it('refuses an event at fault (no key value) with the reason, and plans no write', async () => {
    const record = await processMessage(catalog, returning({ _source: source }), 'goals', message('8'));
    assert.equal(record.intent, undefined);
    assert.match(record.refused ?? '', /no value for its key column goal_id/);
  });

  it('throws what is not the event fault (the registry unreachable), so the batch is applied again', async () => {
    const down: AvroCodec = {
      encode: async () => Buffer.alloc(0),
      decode: async () => {
        throw Object.assign(new Error('Service Unavailable'), { status: 503 });
      },
    };
    await assert.rejects(processMessage(catalog, down, 'goals', message('9')), (err) => {
      assert.ok(err instanceof ConnectorError);
      assert.equal(err.code, 'SCHEMA_REGISTRY');
      return true;
    });
  });

  it('applied: the planned records whose write MongoDB did not refuse, in order', async () => {
    const codec = returning({ _source: source, goal_id: 'g1' });
    const records = [
      await processMessage(catalog, codec, 'goals', message('1')),
      await processMessage(catalog, returning({ _source: source }), 'goals', message('2')),
      await processMessage(catalog, codec, 'goals', message('3')),
      await processMessage(catalog, codec, 'goals', message('4')),
    ];
    planned(records)[1]!.refused = 'MongoDB rejected the write (code 2): bad value';
    assert.deepEqual(
      planned(records).map((r) => r.message.offset),
      ['1', '3', '4'],
    );
    assert.deepEqual(
      applied(records).map((r) => r.message.offset),
      ['1', '4'],
    );
  });
});
