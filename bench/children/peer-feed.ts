/**
 * Feeds the peer (the MongoDB Kafka sink connector): the drop's rows as JSON documents, one topic per
 * collection, with the fields the connector stores (the row's columns typed as the catalog types them, plus
 * `_org`, `_drop`, `_day`, `_file`, `_line`, as raw insertMany writes them). Not timed: it stands for our
 * producer stage, which fills the topics our consumer stage reads.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { Partitioners, type Message } from 'kafkajs';
import type { ColumnType } from '../../core/catalog/types';
import { runChild, taskArgument } from './child-io';
import { typedValue } from './typed-value';
import { benchKafka } from '../kafka-client';

export interface PeerFeedTask {
  readonly brokers: string;
  readonly org: string;
  readonly drop: string;
  readonly day: string;
  readonly files: readonly {
    readonly path: string;
    readonly file: string;
    readonly topic: string;
    readonly types: Readonly<Record<string, ColumnType>>;
  }[];
  /** Messages per send. */
  readonly perSend: number;
  readonly inFlight: number;
}

runChild(async () => {
  const task = taskArgument<PeerFeedTask>();
  const kafka = benchKafka('edreflect-bench-peer-feed', task.brokers);
  // Idempotent, so that a retried send never writes a row twice (a plain producer did, under load).
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  const inFlight = new Set<Promise<unknown>>();
  let sent = 0;
  const send = async (topic: string, messages: Message[]): Promise<void> => {
    const sending: Promise<unknown> = producer
      .send({ topic, messages, acks: -1 })
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
    sent += messages.length;
    if (inFlight.size >= task.inFlight) await Promise.race(inFlight);
  };
  try {
    for (const f of task.files) {
      let batch: Message[] = [];
      let line = 1;
      for await (const record of createReadStream(f.path).pipe(parse({ columns: true }))) {
        line += 1;
        const doc: Record<string, unknown> = {
          _org: task.org,
          _drop: task.drop,
          _day: task.day,
          _file: f.file,
          _line: line,
        };
        for (const [column, value] of Object.entries(record as Record<string, string>))
          doc[column] = typedValue(value, f.types[column]);
        batch.push({ key: `${f.file}|${line}`, value: JSON.stringify(doc) });
        if (batch.length >= task.perSend) {
          await send(f.topic, batch);
          batch = [];
        }
      }
      if (batch.length > 0) await send(f.topic, batch);
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
  return { messages: sent };
});
