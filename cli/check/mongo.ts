/** `config check`: MongoDB answers a ping. */
import { MongoClient } from 'mongodb';
import { errorMessage } from '../../core/errors';
import { redact } from '../../core/redact';
import { CHECK_TIMEOUT_MS, seconds, within, type CheckResult } from './result';

export async function checkMongo(uri: string): Promise<CheckResult> {
  const shown = redact(uri);
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: CHECK_TIMEOUT_MS,
    connectTimeoutMS: CHECK_TIMEOUT_MS,
  });
  try {
    const answer = await within(
      CHECK_TIMEOUT_MS + 1_000,
      client.connect().then(() => client.db('admin').command({ ping: 1 })),
    );
    if (answer === undefined)
      return { problem: `MongoDB at ${shown} did not answer within ${seconds(CHECK_TIMEOUT_MS)}` };
    return { ok: `MongoDB at ${shown} answered a ping` };
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'MongoServerSelectionError')
      return {
        problem: `MongoDB at ${shown} did not answer within ${seconds(CHECK_TIMEOUT_MS)}: ${errorMessage(err)}`,
      };
    return { problem: `MongoDB at ${shown}: ${errorMessage(err)}` };
  } finally {
    await client.close().catch(() => undefined);
  }
}
