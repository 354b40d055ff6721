/**
 * Values that look alike but must not be mixed up get their own types. A brand costs nothing at run
 * time; the constructors below are the only places that check and stamp them.
 */
import { ConfigError, InternalError } from './errors';

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A district (an EdReflect "org"): every document and every key is scoped to one. */
export type OrgId = Brand<string, 'OrgId'>;
/** One day's set of files, named by a hash of its content. */
export type DropId = Brand<string, 'DropId'>;
/** A Kafka topic name. */
export type TopicName = Brand<string, 'TopicName'>;
/** A MongoDB collection name. */
export type CollectionName = Brand<string, 'CollectionName'>;
/** A file name as the vendor writes it, e.g. `Ratings.csv` or `export/all/goal_ids.csv`. */
export type ExportFileName = Brand<string, 'ExportFileName'>;
/** A calendar day, YYYY-MM-DD. */
export type DayStamp = Brand<string, 'DayStamp'>;

const ORG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function orgId(value: string): OrgId {
  if (!ORG_PATTERN.test(value)) {
    throw new ConfigError(
      `an org id is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (got "${value}")`,
    );
  }
  return value as OrgId;
}

export function dropId(value: string): DropId {
  if (!/^[0-9a-f]{16,64}$/.test(value)) throw new InternalError(`a drop id is a hex digest (got "${value}")`);
  return value as DropId;
}

export function dayStamp(value: string): DayStamp {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new ConfigError(`a day is written YYYY-MM-DD (got "${value}")`);
  }
  return value as DayStamp;
}

export function dayOf(date: Date): DayStamp {
  return date.toISOString().slice(0, 10) as DayStamp;
}

export const asTopic = (value: string): TopicName => value as TopicName;
export const asCollection = (value: string): CollectionName => value as CollectionName;
export const asFileName = (value: string): ExportFileName => value as ExportFileName;
