/**
 * The writer's dead letters: a refused record goes to the dead-letter topic with the trace its headers
 * carry (drop, day, file, line) and its place in the partition, is counted and logged, and the chunk goes on.
 */
import type { KafkaMessage } from 'kafkajs';
import { HEADER } from '../../core/events/contract';
import type { DeadLetter } from '../../core/events/dead-letter';
import type { Logger } from '../../core/logger';
import type { BatchObserver } from '../observe/observer';
import type { BatchStats } from './stats';

export interface DeadLetterDeps {
  readonly deadLetter: (letter: DeadLetter) => Promise<void>;
  readonly logger: Logger;
  readonly stats: BatchStats;
  readonly observer: BatchObserver;
}

export type DeadLetterer = (message: KafkaMessage, reason: string) => Promise<void>;

/** Dead-letters messages of one partition of a topic, whose events belong to `collection`. */
export function deadLetterer(
  deps: DeadLetterDeps,
  where: { readonly topic: string; readonly partition: number; readonly collection: string },
): DeadLetterer {
  const { topic, partition, collection } = where;
  return async (message, reason) => {
    deps.stats.deadLetters += 1;
    const org = message.headers?.[HEADER.org]?.toString() ?? '';
    deps.observer.deadLettered(org, collection);
    deps.logger.error('event dead-lettered', { topic, partition, offset: message.offset, reason });
    await deps.deadLetter({
      stage: 'consume',
      org,
      ...traceOf(message),
      reason,
      origin: { topic, partition, offset: message.offset },
    });
  };
}

function traceOf(message: KafkaMessage): Partial<DeadLetter> {
  const h = (name: string): string | undefined => message.headers?.[name]?.toString();
  const line = Number(h(HEADER.line));
  const out: { drop?: string; day?: string; file?: string; line?: number } = {};
  const drop = h(HEADER.drop);
  const day = h(HEADER.day);
  const file = h(HEADER.file);
  if (drop !== undefined) out.drop = drop;
  if (day !== undefined) out.day = day;
  if (file !== undefined) out.file = file;
  if (Number.isFinite(line)) out.line = line;
  return out;
}
