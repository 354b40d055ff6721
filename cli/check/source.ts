/** `config check`: an org's folder can be listed (log in over FTP or FTPS, or read the local folder). */
import { errorMessage } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { OrgTarget } from '../../core/orgs';
import { openSource } from '../../producer/source/open-source';
import { CHECK_TIMEOUT_MS, seconds, socketCode, within, type CheckResult } from './result';

export async function checkSource(target: OrgTarget, logger: Logger): Promise<CheckResult> {
  const url = new URL(target.sourceUrl);
  const where = `${url.hostname}:${url.port === '' ? '21' : url.port}`;
  const source = openSource({
    url: target.sourceUrl,
    caFile: target.caFile,
    logger,
    timeoutMs: CHECK_TIMEOUT_MS,
  });
  const org = `org ${target.org}`;
  try {
    const answer = await within(CHECK_TIMEOUT_MS + 1_000, source.listFiles());
    if (answer === undefined)
      return { problem: `${org}: FTP server at ${where} did not answer within ${seconds(CHECK_TIMEOUT_MS)}` };
    return { ok: `${org}: listed ${source.describe}: ${answer.value.length} files` };
  } catch (err) {
    const ftpCode = (err as { cause?: { code?: unknown } }).cause?.code;
    const user = url.username === '' ? 'anonymous' : decodeURIComponent(url.username);
    if (ftpCode === 530)
      return {
        problem: `${org}: wrong password for ftp user ${user} at ${where}${url.password === '' ? ' (no password given)' : ''}`,
      };
    const code = socketCode(err);
    if (code === 'ECONNREFUSED')
      return { problem: `${org}: FTP server at ${where} refused the connection (is it running?)` };
    if (code === 'ENOTFOUND') return { problem: `${org}: FTP host ${url.hostname} not found` };
    if (code === 'ETIMEDOUT' || /timeout/i.test(errorMessage(err)))
      return { problem: `${org}: FTP server at ${where} did not answer within ${seconds(CHECK_TIMEOUT_MS)}` };
    return { problem: `${org}: ${errorMessage(err)}` };
  } finally {
    await source.close().catch(() => undefined);
  }
}
