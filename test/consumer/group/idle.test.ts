/** waitForIdle: ends when nothing is pending, and names the partitions it waits for when they stand still. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../../core/logger';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import { waitForIdle, type Lag } from '../../../consumer/group/idle';

const lag = (committed: number): Lag => ({ topic: 'ratings', partition: 1, committed, end: 10 });

function recorder(): { lines: Record<string, unknown>[]; logger: ReturnType<typeof createLogger> } {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    logger: createLogger({
      level: 'info',
      write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>),
    }),
  };
}

/** waitForIdle polling every 5 ms, with no stall warning in the test's time (the outage cases). */
const waitPolling = (
  pending: () => Promise<Lag[]>,
  logger: ReturnType<typeof createLogger>,
  more: { outageMs?: number } = {},
): Promise<void> =>
  waitForIdle({
    pending,
    groupId: 'g',
    pollMs: 5,
    stallWarnMs: 10_000,
    stats: { events: 0 },
    logger,
    ...more,
  });

describe('waitForIdle', () => {
  it('ends once nothing is pending, without a warning while the offsets move', async () => {
    const answers = [[lag(2)], [lag(5)], [lag(8)], []];
    const { lines, logger } = recorder();
    let asked = 0;
    await waitForIdle({
      pending: () => Promise.resolve(answers[asked++]!),
      groupId: 'g',
      pollMs: 5,
      stallWarnMs: 0,
      stats: { events: 0 },
      logger,
    });
    assert.equal(asked, 4);
    assert.deepEqual(lines, []);
  });

  it('warns, naming the partition and offsets, when nothing is read or committed for stallWarnMs', async () => {
    const { lines, logger } = recorder();
    let asked = 0;
    const started = Date.now();
    await waitForIdle({
      pending: () => Promise.resolve(++asked < 30 ? [lag(9)] : []),
      groupId: 'g',
      pollMs: 5,
      stallWarnMs: 40,
      stats: { events: 3 },
      logger,
    });
    // 30 polls of 5 ms take about 150 ms, longer on a loaded machine: the bound follows the real time.
    const stretches = Math.floor((Date.now() - started) / 40);
    assert.ok(lines.length >= 1, 'at least one warning in about 150 ms of standing still');
    assert.equal(lines[0]!['level'], 'warn');
    assert.match(String(lines[0]!['msg']), /still waiting for these partitions/);
    assert.deepEqual(lines[0]!['pending'], ['ratings:1 at 9 of 10']);
    assert.equal(lines[0]!['eventsRead'], 3);
    assert.ok(
      lines.length <= stretches && lines.length < asked - 1,
      `one warning per stretch of 40 ms (${stretches} stretches), not one per poll (${asked}): ${lines.length}`,
    );
  });

  it('does not warn while events are being read, even if no offset is committed yet', async () => {
    const { lines, logger } = recorder();
    const stats = { events: 0 };
    let asked = 0;
    await waitForIdle({
      pending: () => {
        stats.events += 1;
        return Promise.resolve(++asked < 30 ? [lag(9)] : []);
      },
      groupId: 'g',
      pollMs: 5,
      stallWarnMs: 40,
      stats,
      logger,
    });
    assert.deepEqual(lines, []);
  });

  // A broker that died took the group coordinator or a partition leader with it: kafkajs's calls fail until
  // Kafka elects another, and the consumer itself restarts on such errors.
  it('polls again after the offsets failed the way a lost broker fails, with one warning', async () => {
    const { lines, logger } = recorder();
    const lost = new KafkaJSNumberOfRetriesExceeded(
      new KafkaJSConnectionError('Connection error: ECONNREFUSED'),
      { retryCount: 5, retryTime: 3000 },
    );
    let asked = 0;
    await waitPolling(
      () => (++asked <= 3 ? Promise.reject(lost) : Promise.resolve(asked < 6 ? [lag(asked)] : [])),
      logger,
    );
    assert.equal(asked, 6);
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.match(String(lines[0]!['msg']), /could not read the group offsets; trying again/);
    assert.match(String(lines[0]!['error']), /ECONNREFUSED/);
  });

  it('fails at once on an error no retry can mend, and after outageMs of failing polls on the others', async () => {
    const { logger } = recorder();
    const refused = new KafkaJSNonRetriableError('SASL authentication failed');
    await assert.rejects(
      waitPolling(() => Promise.reject(refused), logger),
      (e: unknown) => e === refused,
    );
    const lost = new KafkaJSConnectionError('Connection error: ECONNREFUSED');
    let asked = 0;
    const started = Date.now();
    await assert.rejects(
      waitPolling(() => (asked++, Promise.reject(lost)), logger, { outageMs: 60 }),
      (e: unknown) => e === lost,
    );
    assert.ok(asked > 2 && Date.now() - started >= 60, `${asked} polls in ${Date.now() - started} ms`);
  });
});
