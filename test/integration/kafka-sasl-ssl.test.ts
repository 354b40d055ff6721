/**
 * The secured path over the real servers: the stack's SASL_SSL listener (TLS with the stack's CA, SCRAM-SHA-512)
 * and a Schema Registry that asks for HTTP basic authentication. A sample drop is published and applied
 * end to end through them; a wrong SCRAM password, an untrusted broker certificate and wrong registry
 * credentials each end the run with one clear message that never holds the password.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { ftpsUrl, uploadFiles } from '../support/ftp';
import { startRegistryAuthProxy, type RegistryAuthProxy } from '../support/registry-auth-proxy';
import { createWorld, requireEnv, type World } from '../support/world';

const REGISTRY_USER = 'reporting';
const REGISTRY_PASSWORD = 'registry-pass-7f3a';
const RATINGS_HEADER =
  'observation_group_id,indicator_id,rater_employee_id,rating,rating_label,rating_date,school_year';

describe('Kafka over SASL_SSL (SCRAM-SHA-512) and a registry with basic authentication', () => {
  let world: World;
  let proxy: RegistryAuthProxy;
  let secure: (extra?: Record<string, string>) => NodeJS.ProcessEnv;
  const folder = (name: string): string => `sasl-${world.id}-${name}`;

  before(async () => {
    world = createWorld('sasl');
    proxy = await startRegistryAuthProxy(REGISTRY_USER, REGISTRY_PASSWORD);
    secure = (extra = {}) =>
      world.env({
        KAFKA_BROKERS: requireEnv('EDREFLECT_STACK_KAFKA_SASL_BROKERS'),
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: requireEnv('EDREFLECT_STACK_KAFKA_CA_FILE'),
        KAFKA_SASL_MECHANISM: requireEnv('EDREFLECT_STACK_KAFKA_SASL_MECHANISM'),
        KAFKA_SASL_USERNAME: requireEnv('EDREFLECT_STACK_KAFKA_SASL_USERNAME'),
        KAFKA_SASL_PASSWORD: requireEnv('EDREFLECT_STACK_KAFKA_SASL_PASSWORD'),
        SCHEMA_REGISTRY_URL: proxy.url,
        SCHEMA_REGISTRY_USERNAME: REGISTRY_USER,
        SCHEMA_REGISTRY_PASSWORD: REGISTRY_PASSWORD,
        EDREFLECT_FTP_CA_FILE: requireEnv('EDREFLECT_FTP_CA_FILE'),
        EDREFLECT_LOG_LEVEL: 'debug',
        ...extra,
      });
  });
  after(async () => {
    await proxy.close();
    await world.close();
  });

  it('publishes a drop and applies it to MongoDB through the secured listener and registry', async () => {
    await uploadFiles(folder('good'), {
      'Observation_Modified.csv': 'observation_group_id,observation_modified_date\n1001,2026-09-01\n',
      'Ratings.csv': `${RATINGS_HEADER}\n1001,IND-1,E-7,3,Proficient,2026-09-01,2026\n1001,IND-2,E-7,2,,2026-09-01,2026\n`,
    });
    const env = secure({ EDREFLECT_SOURCE: ftpsUrl(folder('good')) });
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 0, produced.stderr);
    assert.match(
      produced.stdout,
      /Ratings\.csv\s+published\s+read 2, published 2, rejected 0, drop events 1/,
    );
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);

    const ratings = await (
      await world.db()
    )
      .collection('ratings')
      .find({}, { projection: { _id: 0, _org: 1, observation_group_id: 1, indicator_id: 1, rating: 1 } })
      .sort({ indicator_id: 1 })
      .toArray();
    assert.deepEqual(ratings, [
      { _org: world.org, observation_group_id: '1001', indicator_id: 'IND-1', rating: 3 },
      { _org: world.org, observation_group_id: '1001', indicator_id: 'IND-2', rating: 2 },
    ]);
    // Both the producer's own registry calls and the codec's went through with the credentials.
    assert.ok(
      proxy.forwarded.some((r) => r.startsWith('POST ') && r.includes('/subjects/')),
      'registered',
    );
    assert.ok(
      proxy.forwarded.some((r) => r.startsWith('GET ') && r.includes('/schemas/ids/')),
      'decoded',
    );
    assert.deepEqual(proxy.refused, []);
    // Debug logging included, no line holds a password.
    for (const output of [produced, consumed]) {
      const all = output.stdout + output.stderr;
      assert.ok(!all.includes(requireEnv('EDREFLECT_STACK_KAFKA_SASL_PASSWORD')), 'no Kafka password');
      assert.ok(!all.includes(REGISTRY_PASSWORD), 'no registry password');
    }
  });

  it('a wrong SCRAM password: one message naming the user, never the password, exit 1', async () => {
    const wrong = 'not-the-password-91c2';
    const result = await runCli(['consume', '--until-idle'], secure({ KAFKA_SASL_PASSWORD: wrong }));
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /^edreflect consume: KAFKA: Kafka rejected the SASL credentials of user edreflect \(scram-sha-512\)/m,
    );
    assert.ok(!(result.stdout + result.stderr).includes(wrong), 'the password is never printed');
  });

  it('a broker certificate the given CA did not sign: fails at once, naming the broker and KAFKA_SSL_CA_FILE', async () => {
    // The FTP server's self-signed certificate is a CA, just not the one that signed Kafka's.
    const started = Date.now();
    const result = await runCli(
      ['consume', '--until-idle'],
      secure({ KAFKA_SSL_CA_FILE: requireEnv('EDREFLECT_FTP_CA_FILE') }),
    );
    assert.equal(result.code, 1, result.stderr);
    const broker = requireEnv('EDREFLECT_STACK_KAFKA_SASL_BROKERS');
    assert.match(
      result.stderr,
      new RegExp(
        `KAFKA: the TLS certificate of Kafka broker ${broker.replace(/\./g, '\\.')} is not trusted .*KAFKA_SSL_CA_FILE`,
      ),
    );
    assert.ok(Date.now() - started < 15_000, 'no 40 s of retries');
  });

  it('wrong registry credentials: the producer stops with the user named, never the password', async () => {
    await uploadFiles(folder('registry'), {
      'Observation_Modified.csv': 'observation_group_id,observation_modified_date\n2001,2026-09-02\n',
    });
    const wrong = 'wrong-registry-pass-55';
    const result = await runCli(
      ['produce', '--once'],
      secure({
        EDREFLECT_SOURCE: ftpsUrl(folder('registry')),
        EDREFLECT_TOPIC_PREFIX: `${world.prefix}reg.`,
        SCHEMA_REGISTRY_PASSWORD: wrong,
      }),
    );
    assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
    assert.match(
      result.stderr,
      /schema registry at .* rejected the credentials of user reporting \(HTTP 401\)/,
    );
    assert.ok(!(result.stdout + result.stderr).includes(wrong), 'the password is never printed');
    assert.ok(proxy.refused.length > 0);
  });
});
