/** The converter's verdicts, with a codec that fails the way @kafkajs/confluent-schema-registry 3.9 does. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KafkaMessage } from 'kafkajs';
import { ConnectorError } from '../../../core/errors';
import type { AvroCodec } from '../../../core/registry/codec';
import { decodeEvent } from '../../../consumer/decode/event';

const message = (op: string | undefined): KafkaMessage =>
  ({
    key: null,
    value: Buffer.from([0, 0, 0, 0, 1, 2]),
    timestamp: '0',
    attributes: 0,
    offset: '0',
    size: 0,
    headers: op === undefined ? {} : { 'edreflect.op': op },
  }) as KafkaMessage;

const failing = (err: Error): AvroCodec => ({
  encode: async () => Buffer.alloc(0),
  decode: async () => {
    throw err;
  },
});
const returning = (value: unknown): AvroCodec => ({
  encode: async () => Buffer.alloc(0),
  decode: async () => value,
});
const withStatus = (status: number, text: string): Error => Object.assign(new Error(text), { status });

async function verdict(codec: AvroCodec, m: KafkaMessage): Promise<string> {
  try {
    await decodeEvent(codec, m);
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof ConnectorError);
    return `${err.code}${err.retriable ? ' (retriable)' : ''}: ${err.message}`;
  }
}

describe('decodeEvent', () => {
  it("dead-letters what is the event's fault", async () => {
    assert.match(
      await verdict(returning({}), message(undefined)),
      /^EVENT_INVALID: header edreflect.op is missing/,
    );
    assert.match(
      await verdict(failing(new Error('Message encoded with magic byte {"data":[104]}')), message('row')),
      /^EVENT_INVALID: cannot decode the event: Message encoded with magic byte/,
    );
    assert.match(
      await verdict(failing(withStatus(404, 'Schema 8388607 not found.')), message('row')),
      /^EVENT_INVALID: cannot decode the event: Schema 8388607 not found/,
    );
    assert.match(await verdict(failing(new Error('truncated buffer')), message('row')), /^EVENT_INVALID/);
    assert.match(
      await verdict(returning({ rating: 3 }), message('row')),
      /^EVENT_INVALID: the event has no valid _source record/,
    );
  });

  it('retries when the registry cannot be reached (the client reports a refused connection as 400)', async () => {
    assert.match(
      await verdict(failing(withStatus(400, 'connect ECONNREFUSED 127.0.0.1:1')), message('row')),
      /^SCHEMA_REGISTRY \(retriable\): cannot reach the schema registry/,
    );
    assert.match(await verdict(failing(withStatus(503, 'unavailable')), message('drop')), /^SCHEMA_REGISTRY/);
  });
});
