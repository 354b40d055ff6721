import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../core/errors';
import { kafkaSecurity } from '../../../core/kafka/security';
import { tempFile } from '../../support/tmp';

describe('kafkaSecurity: the KAFKA_SSL* and KAFKA_SASL_* settings', () => {
  it('without any of them: plain TCP, no login', () => {
    assert.deepEqual(kafkaSecurity({}), {});
  });

  it('TLS with a CA file and a SCRAM login', () => {
    const ca = tempFile('ca.pem', '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
    const security = kafkaSecurity({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: ca,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'edreflect',
      KAFKA_SASL_PASSWORD: 'pw',
    });
    assert.deepEqual(security.sasl, { mechanism: 'scram-sha-512', username: 'edreflect', password: 'pw' });
    assert.ok(security.ssl !== undefined && security.ssl !== true);
    assert.match(String(security.ssl.ca), /BEGIN CERTIFICATE/);
  });

  it('TLS with the system CAs', () => {
    assert.deepEqual(kafkaSecurity({ KAFKA_SSL: 'true' }), { ssl: true });
  });

  it('names every inconsistency at once, never the password', () => {
    const secret = 'hunter2-secret';
    assert.throws(
      () =>
        kafkaSecurity({
          KAFKA_SSL: 'yes',
          KAFKA_SSL_CA_FILE: '/no/such/ca.pem',
          KAFKA_SASL_MECHANISM: 'gssapi',
          KAFKA_SASL_PASSWORD: secret,
        }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /KAFKA_SSL must be true or false/);
        assert.match(err.message, /KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not true/);
        assert.match(err.message, /KAFKA_SSL_CA_FILE cannot be read: .*\/no\/such\/ca\.pem/);
        assert.match(err.message, /KAFKA_SASL_MECHANISM must be plain, scram-sha-256 or scram-sha-512/);
        assert.ok(!err.message.includes(secret));
        return true;
      },
    );
    assert.throws(
      () => kafkaSecurity({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' }),
      /KAFKA_SASL_PASSWORD is not set \(KAFKA_SASL_MECHANISM is plain\)/,
    );
    assert.throws(
      () => kafkaSecurity({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: secret }),
      /KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set but KAFKA_SASL_MECHANISM is not/,
    );
  });
});
