/** Log lines never hold a secret: registered values and URL passwords are written as ***. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../core/logger';
import { addSecret } from '../../core/redact';

describe('logger redaction', () => {
  it('hides registered secrets and passwords in URLs, in messages and fields', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    addSecret('s3cr3t-"quoted"-value');
    logger.debug('login as s3cr3t-"quoted"-value', {
      url: 'ftps://alice:p%40ss-in-url@ftp.example:990/d42',
      error: new Error('auth failed for s3cr3t-"quoted"-value'),
    });
    assert.equal(lines.length, 1);
    const line = lines[0] ?? '';
    assert.ok(!line.includes('s3cr3t') && !line.includes('p%40ss-in-url'), line);
    const parsed = JSON.parse(line) as { msg: string; url: string; error: { message: string } };
    assert.equal(parsed.msg, 'login as ***');
    assert.equal(parsed.url, 'ftps://alice:***@ftp.example:990/d42');
    assert.equal(parsed.error.message, 'auth failed for ***');
  });
});
