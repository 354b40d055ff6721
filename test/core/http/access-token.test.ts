import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../core/errors';
import { accessToken, isLoopbackHost, requireTokenBeyondLoopback } from '../../../core/http/access-token';

describe('access token rule', () => {
  it('tells loopback hosts from the others', () => {
    for (const h of [
      '127.0.0.1',
      '127.1.2.3',
      'localhost',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ])
      assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['0.0.0.0', '::', '', '10.0.0.5', '192.168.1.2', 'example.org', '::ffff:10.0.0.1', '::2'])
      assert.equal(isLoopbackHost(h), false, h);
  });

  it('refuses a bind beyond loopback without a token, and names the setting', () => {
    assert.throws(
      () => requireTokenBeyondLoopback('0.0.0.0', undefined, 'edreflect ui --host 0.0.0.0'),
      (err: unknown) => err instanceof ConfigError && /EDREFLECT_UI_TOKEN/.test(err.message),
    );
    requireTokenBeyondLoopback('0.0.0.0', accessToken('x'.repeat(16)), 'ui');
    requireTokenBeyondLoopback('127.0.0.1', undefined, 'ui');
  });
});
