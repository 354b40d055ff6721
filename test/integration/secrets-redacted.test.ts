/**
 * No secret reaches stdout or stderr: a full `produce --once` + `consume --until-idle` at debug level, with
 * every secret setting of core/settings.ts given and really used: the FTP password logs in over FTPS, the
 * SCRAM password logs in on the stack's SASL_SSL listener, the registry password passes a registry that
 * asks for basic authentication, the UI token lets `consume` serve /metrics beyond loopback. A secret setting added later fails this test until it is given a use here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SETTINGS, type SettingName } from '../../core/settings';
import { runCli } from '../support/cli';
import { ftpsUrlAndPassword, uploadFiles } from '../support/ftp';
import { startRegistryAuthProxy, type RegistryAuthProxy } from '../support/registry-auth-proxy';
import { freePort } from '../support/ports';
import { tempFile } from '../support/tmp';
import { createWorld, requireEnv, type World } from '../support/world';

describe('secrets never appear in output', () => {
  let world: World;
  let proxy: RegistryAuthProxy;
  let env: NodeJS.ProcessEnv;
  const secrets: string[] = [];

  before(async () => {
    world = createWorld('secrets');
    const folder = ftpsUrlAndPassword(`secrets-${world.id}`);
    const registryPassword = `registry-${world.id}`;
    proxy = await startRegistryAuthProxy('reporting', registryPassword);
    const real: Partial<Record<SettingName, string>> = {
      ftpPassword: folder.password,
      kafkaSaslPassword: requireEnv('EDREFLECT_STACK_KAFKA_SASL_PASSWORD'),
      registryPassword,
      uiToken: `ui-token-${world.id}-${world.id}`,
    };
    const given: Record<string, string> = {};
    for (const name of Object.keys(SETTINGS) as SettingName[]) {
      const spec = SETTINGS[name];
      if (spec.secret !== true) continue;
      const value = real[name];
      assert.ok(value !== undefined, `secret setting ${spec.env} has no real use in this test yet`);
      secrets.push(value);
      // Half through the variable itself, half through <VAR>_FILE, so both paths are covered.
      if (secrets.length % 2 === 0) given[spec.env] = value;
      else given[`${spec.env}_FILE`] = tempFile('secret', value);
    }
    env = world.env({
      EDREFLECT_SOURCE: folder.url,
      EDREFLECT_FTP_CA_FILE: requireEnv('EDREFLECT_FTP_CA_FILE'),
      KAFKA_BROKERS: requireEnv('EDREFLECT_STACK_KAFKA_SASL_BROKERS'),
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: requireEnv('EDREFLECT_STACK_KAFKA_CA_FILE'),
      KAFKA_SASL_MECHANISM: requireEnv('EDREFLECT_STACK_KAFKA_SASL_MECHANISM'),
      KAFKA_SASL_USERNAME: requireEnv('EDREFLECT_STACK_KAFKA_SASL_USERNAME'),
      SCHEMA_REGISTRY_URL: proxy.url,
      SCHEMA_REGISTRY_USERNAME: 'reporting',
      EDREFLECT_LOG_LEVEL: 'debug',
      // Beyond loopback the endpoint of consume --until-idle starts only with EDREFLECT_UI_TOKEN.
      EDREFLECT_METRICS_HOST: '0.0.0.0',
      EDREFLECT_METRICS_PORT: String(await freePort()),
      ...given,
    });
    delete env['EDREFLECT_CONFIG'];
    await uploadFiles(`secrets-${world.id}`, {
      'Observation_Modified.csv': 'observation_group_id,observation_modified_date\n1001,2026-09-01\n',
      'Ratings.csv':
        'observation_group_id,indicator_id,rater_employee_id,rating,rating_label,rating_date,school_year\n1001,IND-1,E-7,3,Proficient,2026-09-01,2026\n',
    });
  });
  after(async () => {
    await proxy.close();
    await world.close();
  });

  it('produce --once and consume --until-idle at debug level print none of them', async () => {
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 0, produced.stdout + produced.stderr);
    assert.match(produced.stdout, /Ratings\.csv\s+published\s+read 1, published 1/);
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    assert.equal(await (await world.db()).collection('ratings').countDocuments(), 1);
    const lines = [produced, consumed].flatMap((r) => `${r.stdout}\n${r.stderr}`.split('\n'));
    assert.ok(lines.length > 20, 'debug logging was on');
    for (const secret of secrets) {
      const leaks = lines.filter((line) => line.includes(secret));
      assert.deepEqual(leaks, [], `a secret appears in the output`);
    }
  });
});
