/** Each kind of setting checks a value and parses it to its type; readSettings hands out the parsed values. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optionalSetting, readSettings } from '../../core/config';
import { ConfigError } from '../../core/errors';
import { choiceSetting, flagSetting, textSetting, wholeNumberSetting } from '../../core/setting-kinds';

const described = { env: 'X', description: 'x' };

describe('setting kinds', () => {
  it('a whole number is checked against its bounds and parsed to a number', () => {
    const spec = wholeNumberSetting({ ...described, min: 1, max: 32, unit: 'seconds' });
    assert.equal(spec.check('32'), undefined);
    assert.equal(spec.check('0'), 'must be a whole number of seconds from 1 to 32');
    assert.equal(spec.check('1.5'), 'must be a whole number of seconds from 1 to 32');
    assert.equal(spec.check('3e1'), 'must be a whole number of seconds from 1 to 32');
    assert.equal(spec.parse('07'), 7);
  });

  it('a flag is true or false, as a boolean', () => {
    const spec = flagSetting(described);
    assert.equal(spec.check('yes'), 'must be true or false');
    assert.equal(spec.parse('true'), true);
    assert.equal(spec.parse('false'), false);
  });

  it('a choice names its words, and parses only one of them', () => {
    const spec = choiceSetting(['plain', 'scram-sha-256'] as const, described);
    assert.equal(spec.check('PLAIN'), 'must be plain or scram-sha-256');
    assert.equal(spec.parse('scram-sha-256'), 'scram-sha-256');
    assert.throws(() => spec.parse('PLAIN'), TypeError);
  });

  it('text keeps the value as given, after its own check', () => {
    const spec = textSetting({ ...described, check: (v) => (v === '' ? 'must not be empty' : undefined) });
    assert.equal(spec.check(''), 'must not be empty');
    assert.equal(spec.parse(' a b '), ' a b ');
  });
});

describe('readSettings', () => {
  it('returns each setting as its type, frozen', () => {
    const values = readSettings(['partitions', 'kafkaSsl', 'mongoDb', 'kafkaRequestTimeoutSeconds'], {
      EDREFLECT_PARTITIONS: '12',
      KAFKA_SSL: 'true',
    });
    assert.deepEqual(values, {
      partitions: 12,
      kafkaSsl: true,
      mongoDb: 'edreflect',
      kafkaRequestTimeoutSeconds: 30,
    });
    assert.ok(Object.isFrozen(values));
  });

  it('refuses bad values, all at once, naming each variable', () => {
    assert.throws(
      () => readSettings(['partitions', 'kafkaSsl'], { EDREFLECT_PARTITIONS: 'many', KAFKA_SSL: 'yes' }),
      (err: unknown) =>
        err instanceof ConfigError &&
        /EDREFLECT_PARTITIONS must be a whole number from 1 to 1000/.test(err.message) &&
        /KAFKA_SSL must be true or false/.test(err.message),
    );
  });

  it('an optional setting is parsed when given and undefined when not', () => {
    assert.equal(optionalSetting('replicationFactor', { EDREFLECT_REPLICATION_FACTOR: '2' }), 2);
    assert.equal(optionalSetting('replicationFactor', {}), undefined);
    assert.equal(optionalSetting('kafkaSaslMechanism', { KAFKA_SASL_MECHANISM: 'plain' }), 'plain');
  });
});
