/** Avro encoding and decoding in the Confluent wire format, with schemas fetched from the registry by id and cached. */
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { RegistryAuth } from './auth';

export interface AvroCodec {
  encode(schemaId: number, value: unknown): Promise<Buffer>;
  decode(buffer: Buffer): Promise<unknown>;
}

export function createAvroCodec({ url, auth }: { url: string; auth?: RegistryAuth | undefined }): AvroCodec {
  const host = url.replace(/\/+$/, '');
  const registry = new SchemaRegistry(auth === undefined ? { host } : { host, auth: { ...auth } });
  return {
    encode: (schemaId, value) => registry.encode(schemaId, value),
    decode: (buffer) => registry.decode(buffer),
  };
}
