/** `config check`: the schema registry answers GET /subjects on its Confluent-compatible API. */
import { registryAuth } from '../../core/registry/auth';
import { createRegistryHttp } from '../../core/registry/http';
import { errorMessage } from '../../core/errors';
import { redact } from '../../core/redact';
import { CHECK_TIMEOUT_MS, seconds, socketCode, within, type CheckResult } from './result';

export async function checkRegistry(url: string): Promise<CheckResult> {
  const shown = redact(url);
  try {
    const answer = await within(
      CHECK_TIMEOUT_MS,
      createRegistryHttp({ url, auth: registryAuth() }).subjects(),
    );
    if (answer === undefined)
      return { problem: `schema registry at ${shown} did not answer within ${seconds(CHECK_TIMEOUT_MS)}` };
    return { ok: `schema registry at ${shown} answered: ${answer.value.length} subjects` };
  } catch (err) {
    if (socketCode(err) === 'ECONNREFUSED')
      return { problem: `schema registry at ${shown} refused the connection (is it running?)` };
    return { problem: errorMessage(err) };
  }
}
