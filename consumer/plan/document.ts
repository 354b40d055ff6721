/** The MongoDB document of a row: its columns under their CSV names, its org in `_org`, its origin in `_drop`, `_day`, `_file`, `_line`. */
import type { RowEvent } from '../../core/events/contract';

export type RowDocument = Record<string, unknown> & {
  _org: string;
  _drop: string;
  _day: string;
  _file: string;
  _line: number;
};

export function rowDocument(event: RowEvent): RowDocument {
  const { org, drop, day, file, line } = event.source;
  return { _org: org, _drop: drop, _day: day, _file: file, _line: line, ...event.values };
}
