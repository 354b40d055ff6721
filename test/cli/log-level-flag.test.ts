import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { takeLogLevelFlag } from '../../cli/log-level-flag';

describe('--log-level', () => {
  it('is taken from anywhere on the command line, in both spellings; the rest is left in order', () => {
    assert.deepEqual(takeLogLevelFlag(['produce', '--once', '--log-level', 'debug', '--dry-run']), {
      ok: true,
      argv: ['produce', '--once', '--dry-run'],
      level: 'debug',
    });
    assert.deepEqual(takeLogLevelFlag(['--log-level=warn', 'status', '--json']), {
      ok: true,
      argv: ['status', '--json'],
      level: 'warn',
    });
    assert.deepEqual(takeLogLevelFlag(['consume']), { ok: true, argv: ['consume'] });
  });

  it('refuses an unknown level or a missing value', () => {
    assert.deepEqual(takeLogLevelFlag(['consume', '--log-level', 'loud']), {
      ok: false,
      problem: '--log-level must be one of debug, info, warn, error (got "loud")',
    });
    assert.deepEqual(takeLogLevelFlag(['consume', '--log-level']), {
      ok: false,
      problem: '--log-level needs a value: debug, info, warn, error',
    });
  });
});
