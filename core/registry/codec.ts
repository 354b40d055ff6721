/** Avro encoding and decoding in the Confluent wire format, with schemas fetched from the registry by id and cached. */
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

export interface AvroCodec {
  encode(schemaId: number, value: unknown): Promise<Buffer>;
  decode(buffer: Buffer): Promise<unknown>;
}

export function createAvroCodec({ url }: { url: string }): AvroCodec {
  const registry = new SchemaRegistry({ host: url.replace(/\/+$/, '') });
  return {
    encode: (schemaId, value) => registry.encode(schemaId, value),
    decode: (buffer) => registry.decode(buffer),
  };
}
