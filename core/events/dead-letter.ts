/**
 * A dead letter: something that could not be applied, with enough to find it again (org, drop, file,
 * line, column) and the reason. JSON, not Avro, because what failed may not fit any schema.
 */
import type { Message } from 'kafkajs';
import { InputError } from '../errors';

export interface DeadLetter {
  readonly stage: 'produce' | 'consume';
  readonly org: string;
  readonly drop?: string;
  readonly day?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly columnName?: string;
  readonly reason: string;
  /** The raw CSV fields of a rejected row, or where a consumed event came from (topic, partition, offset). */
  readonly raw?: readonly string[];
  readonly origin?: { readonly topic: string; readonly partition: number; readonly offset: string };
}

export function deadLetterMessage(letter: DeadLetter): Message {
  return {
    key: `${letter.org}|${letter.file ?? letter.origin?.topic ?? ''}`,
    value: JSON.stringify({ ...letter, at: new Date().toISOString() }),
    headers: { 'edreflect.stage': letter.stage, 'edreflect.org': letter.org },
  };
}

export function parseDeadLetter(value: Buffer | null): DeadLetter & { at: string } {
  if (value === null) throw new InputError('EVENT_INVALID', 'a dead letter has no value');
  return JSON.parse(value.toString('utf8')) as DeadLetter & { at: string };
}
