/**
 * `edreflect config check`: reads every setting and the org list as the other commands would, prints
 * each effective value and where it came from (secrets as ***), then checks that every server answers:
 * Kafka, the schema registry, MongoDB and each org's folder. One line per problem; exit 1 if any.
 */
import { CONFIG_ENV, notSet, resolveSettings } from '../../core/config';
import { ConfigError } from '../../core/errors';
import { readOrgTargets } from '../../core/orgs';
import { redact } from '../../core/redact';
import { SETTINGS, type SettingName } from '../../core/settings';
import { checkKafka } from '../check/kafka';
import { checkMongo } from '../check/mongo';
import { checkRegistry } from '../check/registry';
import type { CheckResult } from '../check/result';
import { settingLines } from '../check/settings-report';
import { checkSource } from '../check/source';
import { defineCommand } from '../command';
import { EXIT } from '../exit-codes';
import { CONSUME_SETTINGS } from './consume';
import { PRODUCE_SETTINGS } from './produce';

/** What a full deployment (producer and consumer) needs. */
const REQUIRED: readonly SettingName[] = [
  ...new Set<SettingName>([...PRODUCE_SETTINGS, ...CONSUME_SETTINGS]),
];

export const configCommand = defineCommand({
  name: 'config',
  usage: ['config check'],
  summary:
    "Prints every setting with its value (secrets as ***) and origin, and the orgs; checks that Kafka, the registry,\nMongoDB and each org's folder answer. Exit 1 on any problem.",
  flags: {},
  positionals: true,
  settings: [],
  moreSettings: Object.keys(SETTINGS) as SettingName[],
  run: async ({ positionals, logger, out }) => {
    if (positionals.length !== 1 || positionals[0] !== 'check')
      throw new ConfigError('usage: edreflect config check');
    const resolved = resolveSettings(Object.keys(SETTINGS) as SettingName[]);
    const orgs = readOrgTargets();
    const problems = [
      ...resolved.problems,
      ...resolved.missing.filter((m) => REQUIRED.includes(m)).map(notSet),
      ...orgs.problems,
    ];
    out(
      resolved.file === undefined
        ? `configuration file: none (${CONFIG_ENV} is not set)`
        : `configuration file: ${resolved.file.path}`,
    );
    out('settings (value [origin]):');
    settingLines(resolved).forEach((line) => out(line));
    out('orgs:');
    for (const t of orgs.targets) out(`  ${t.org}  ${redact(t.sourceUrl)}`);
    if (orgs.targets.length === 0) out('  (none)');

    const { kafkaBrokers, kafkaClientId, registryUrl, mongoUri } = resolved.values;
    const checks: Promise<CheckResult>[] = [];
    if (kafkaBrokers !== undefined)
      checks.push(checkKafka(kafkaBrokers, kafkaClientId ?? 'edreflect', logger));
    if (registryUrl !== undefined) checks.push(checkRegistry(registryUrl));
    if (mongoUri !== undefined) checks.push(checkMongo(mongoUri));
    for (const t of orgs.targets) checks.push(checkSource(t, logger));
    out('servers:');
    for (const result of await Promise.all(checks)) {
      if ('ok' in result) out(`  ok: ${result.ok}`);
      else problems.push(result.problem);
    }
    for (const problem of problems) out(`PROBLEM: ${redact(problem)}`);
    out(problems.length === 0 ? 'configuration OK' : `${problems.length} problem(s)`);
    return problems.length === 0 ? EXIT.ok : EXIT.error;
  },
});
