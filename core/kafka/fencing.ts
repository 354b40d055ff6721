/**
 * A transactional id held by one producer at a time. Kafka fences a producer when a newer one asks for a
 * producer id with the same transactional id: the older one's next transactional request is refused.
 */
import type { Kafka, Producer } from 'kafkajs';

const FENCED = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);

/** Recognises the broker's answer to a producer whose transactional id was taken over by a newer one. */
export function isFenced(err: unknown): boolean {
  for (let e: unknown = err; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string' && FENCED.has(type)) return true;
    if (/old epoch|fenced/i.test((e as { message?: unknown }).message as string)) return true;
  }
  return false;
}

/**
 * Takes the producer's transactional id now, fencing any other producer that holds it. kafkajs's
 * `connect()` asks for a producer id without the transactional id (its idempotent half); only the first
 * `transaction()` asks with it. Until then two producers of one id both run, and a check made in that
 * window (the ledger: "was this drop published?") can be stale by the time the transaction begins. An
 * empty transaction, aborted, sends nothing but the InitProducerId request.
 */
export async function claimTransactionalId(producer: Producer): Promise<void> {
  const transaction = await producer.transaction();
  await transaction.abort();
}

/**
 * Returns once the last transaction of `transactionalId` is complete on every partition it wrote. A
 * commit returns when the coordinator has logged it; the markers that make it readable (read_committed,
 * up to the last stable offset) are written to each partition after that, later still when a broker was
 * lost. The coordinator answers a new producer of the id "concurrent transactions" until the markers are
 * written, and kafkajs retries: so a producer that exits after this leaves its drops readable, and a
 * `consume --until-idle` started next cannot find a partition's end short of them. Fences `transactionalId`'s
 * current holder: call it when done with it.
 */
export async function waitForTransactionsComplete(kafka: Kafka, transactionalId: string): Promise<void> {
  const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await claimTransactionalId(producer);
  } finally {
    await producer.disconnect();
  }
}
