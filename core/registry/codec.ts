/** Avro encoding and decoding in the Confluent wire format, with schemas fetched from the registry by id and cached. */
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Middleware } from 'mappersmith';
import type { RegistryAuth } from './auth';

export interface AvroCodec {
  encode(schemaId: number, value: unknown): Promise<Buffer>;
  decode(buffer: Buffer): Promise<unknown>;
}

export function createAvroCodec({
  url,
  auth,
  timeoutMs,
}: {
  url: string;
  auth?: RegistryAuth | undefined;
  /** Each request to the registry (each attempt of the client's retries) fails after this. */
  timeoutMs?: number;
}): AvroCodec {
  const host = url.replace(/\/+$/, '');
  const middlewares = timeoutMs === undefined ? [] : [requestTimeout(timeoutMs)];
  const registry = new SchemaRegistry(
    auth === undefined ? { host, middlewares } : { host, auth: { ...auth }, middlewares },
  );
  return {
    encode: (schemaId, value) => registry.encode(schemaId, value),
    decode: (buffer) => registry.decode(buffer),
  };
}

/** The client (mappersmith) waits for ever by default: a limit on every request it has not set itself. */
function requestTimeout(ms: number): Middleware {
  return () => ({
    prepareRequest: async (next) => {
      const request = await next();
      return request.timeout() ? request : request.enhance({ timeout: ms });
    },
  });
}
