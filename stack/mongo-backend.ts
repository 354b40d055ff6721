/**
 * Which storage FerretDB uses in the local stack: EDREFLECT_STACK_MONGO_BACKEND, `postgresql` (the
 * default, chosen by measurement: docs/benchmarks in BENCHMARKS.md) or `sqlite`.
 */
import { StackError } from '../core/errors';

export const MONGO_BACKENDS = ['postgresql', 'sqlite'] as const;
export type MongoBackend = (typeof MONGO_BACKENDS)[number];

export const DEFAULT_MONGO_BACKEND: MongoBackend = 'postgresql';

const SETTING = 'EDREFLECT_STACK_MONGO_BACKEND';

function isMongoBackend(value: string): value is MongoBackend {
  return (MONGO_BACKENDS as readonly string[]).includes(value);
}

export function mongoBackend(env: NodeJS.ProcessEnv = process.env): MongoBackend {
  const raw = env[SETTING];
  if (raw === undefined || raw === '') return DEFAULT_MONGO_BACKEND;
  if (isMongoBackend(raw)) return raw;
  throw new StackError(`${SETTING} must be one of ${MONGO_BACKENDS.join(', ')} (got "${raw}")`);
}
