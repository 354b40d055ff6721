/**
 * The event contract between the producer, the MongoDB writer and any other subscriber. Every event on an
 * entity topic is one of three Avro records, told apart by the `edreflect.op` header (the wire names; inside
 * the code the purge event is a PurgeEvent, so that "drop" keeps meaning the daily delivery):
 *
 *   row   one CSV row: `_source` (where it came from) plus the row's columns under their CSV names;
 *   drop  (PurgeEvent) "delete every stored row of this org whose `column` holds `value`": the purge step of a
 *         change list or a deletion list, placed on the child's own topic, in the child's partition.
 *
 *   close "for this employee, close (set the close column of) every open affiliation of the org in which
 *         they are learner or observer, except these pairs": the User_Affiliations rule, after the day's
 *         affiliation rows, on that file's single-partition topic.
 *
 * The message key is `org|route value`, so every event that must stay in order lands in one partition.
 */
import type { DayStamp, DropId, ExportFileName, OrgId } from '../types';

export const HEADER = {
  op: 'edreflect.op',
  org: 'edreflect.org',
  drop: 'edreflect.drop',
  day: 'edreflect.day',
  file: 'edreflect.file',
  line: 'edreflect.line',
} as const;

/** Where an event came from: the Avro `_source` field of every event. */
export interface EventOrigin {
  readonly org: OrgId;
  readonly drop: DropId;
  readonly day: DayStamp;
  readonly file: ExportFileName;
  /** 1-based line of the CSV row where the record starts; 0 for events derived from a whole list. */
  readonly line: number;
}

export type CellValue = string | number | boolean | null;
export type RowValues = Readonly<Record<string, CellValue>>;

export interface RowEvent {
  readonly op: 'row';
  readonly source: EventOrigin;
  readonly values: RowValues;
}

export interface PurgeEvent {
  readonly op: 'drop';
  readonly source: EventOrigin;
  /** The list file whose id caused this purge, e.g. Observation_Modified.csv. */
  readonly list: ExportFileName;
  readonly column: string;
  readonly value: string;
}

export interface CloseEvent {
  readonly op: 'close';
  readonly source: EventOrigin;
  /** The change list that named the employee, e.g. User_Modified.csv. */
  readonly list: ExportFileName;
  readonly employee: string;
  /** The value the close column gets: the employee's modified date. */
  readonly date: string;
  /** The pairs (in key-column order) present among the day's rows, which stay as they are. */
  readonly keep: readonly (readonly [string, string])[];
}

export type ConnectorEvent = RowEvent | PurgeEvent | CloseEvent;

export const SOURCE_FIELD = '_source';

export const SOURCE_SCHEMA = {
  type: 'record',
  name: 'Source',
  namespace: 'edreflect',
  doc: 'Where an event came from: org, drop (content hash of the day set), day, file and 1-based CSV line.',
  fields: [
    { name: 'org', type: 'string' },
    { name: 'drop', type: 'string' },
    { name: 'day', type: 'string' },
    { name: 'file', type: 'string' },
    { name: 'line', type: 'long' },
  ],
} as const;

/** The purge event's schema; its Avro name stays `Drop` (edreflect.op=drop): subscribers rely on it. */
export const PURGE_SCHEMA = {
  type: 'record',
  name: 'Drop',
  namespace: 'edreflect.control',
  doc: 'Delete every stored row of the org whose column holds value, before the rows that follow.',
  fields: [
    { name: SOURCE_FIELD, type: SOURCE_SCHEMA },
    { name: 'list', type: 'string' },
    { name: 'column', type: 'string' },
    { name: 'value', type: 'string' },
  ],
} as const;

export const CLOSE_SCHEMA = {
  type: 'record',
  name: 'CloseAffiliations',
  namespace: 'edreflect.control',
  doc: 'Close every open affiliation in which employee takes part, except the keep pairs, with date.',
  fields: [
    { name: SOURCE_FIELD, type: SOURCE_SCHEMA },
    { name: 'list', type: 'string' },
    { name: 'employee', type: 'string' },
    { name: 'date', type: 'string' },
    { name: 'keep', type: { type: 'array', items: { type: 'array', items: 'string' } } },
  ],
} as const;

export function messageKey(org: OrgId, route: string): string {
  return `${org}|${route}`;
}

/** Subjects follow the topic-record naming strategy: one topic carries row and drop records. */
export function subjectFor(topic: string, recordFullName: string): string {
  return `${topic}-${recordFullName}`;
}
