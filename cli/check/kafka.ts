/** `config check`: Kafka answers (connect an admin client and list the topics). */
import { errorMessage } from '../../core/errors';
import { createKafka } from '../../core/kafka/client';
import { kafkaSecurity, type KafkaSecurity } from '../../core/kafka/security';
import type { Logger } from '../../core/logger';
import { CHECK_TIMEOUT_MS, seconds, socketCode, within, type CheckResult } from './result';

export async function checkKafka(brokers: string, clientId: string, logger: Logger): Promise<CheckResult> {
  let security: KafkaSecurity;
  try {
    security = kafkaSecurity();
  } catch (err) {
    return { problem: errorMessage(err) }; // one PROBLEM line, and the other checks still run
  }
  const kafka = createKafka({
    brokers,
    clientId,
    logger,
    retry: { retries: 1, initialRetryTime: 300, maxRetryTime: 1_000 },
    connectionTimeoutMs: CHECK_TIMEOUT_MS,
    security,
  });
  const admin = kafka.admin();
  try {
    const answer = await within(
      CHECK_TIMEOUT_MS,
      admin.connect().then(() => admin.listTopics()),
    );
    if (answer === undefined)
      return { problem: `Kafka at ${brokers} did not answer within ${seconds(CHECK_TIMEOUT_MS)}` };
    return { ok: `Kafka at ${brokers} answered: ${answer.value.length} topics` };
  } catch (err) {
    const code = socketCode(err);
    if (code === 'ECONNREFUSED')
      return { problem: `Kafka at ${brokers} refused the connection (is it running?)` };
    if (code === 'ENOTFOUND') return { problem: `Kafka at ${brokers}: host name not found` };
    return { problem: `Kafka at ${brokers} did not answer: ${errorMessage(err)}` };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
