/**
 * `edreflect legacy import DIR --org ORG`: publishes a district's full export from before August 2020 to the
 * `legacy_<file>` topics, each id column with a join table resolved to its new id (producer/legacy/); the
 * consumer then writes them to the `legacy_<file>` collections. Exit 0, or 2 when rows or files were
 * rejected (they are in the dead-letter topic).
 */
import { createRegistryHttp } from '../../core/registry/http';
import { registryAuth } from '../../core/registry/auth';
import { ConfigError } from '../../core/errors';
import { readTimeouts } from '../../core/timeouts';
import { orgId } from '../../core/types';
import { createEventEncoder } from '../../producer/encode/encoder';
import { importLegacy } from '../../producer/legacy/import';
import { formatLegacyReport, isCleanImport } from '../../producer/legacy/report';
import { optionalSetting } from '../../core/config';
import { defineCommand, KAFKA_SECURITY_SETTINGS } from '../command';
import { EXIT } from '../exit-codes';
import { runtimeFrom } from '../runtime';

const USAGE = 'usage: edreflect legacy import DIR --org ORG';

export const legacyCommand = defineCommand({
  name: 'legacy',
  usage: ['legacy import DIR --org ORG'],
  summary:
    "Publishes the full-export CSV files of DIR (a district's export from before August 2020, one flat folder) to the\nlegacy_<file> topics, which consume writes to the legacy_<file> collections. Each id column with a join table\n(export/all/*_ids.csv) gets its new id beside it (goal_id -> goal_id_new), resolved through the org's legacy_ids;\nunmapped ids are kept and counted, group ids are never resolved (the vendor did not map them). See docs/legacy.md.",
  flags: {
    org: {
      type: 'string',
      value: 'ORG',
      description: 'the org the export belongs to (whose maps resolve it)',
    },
  },
  positionals: true,
  settings: ['kafkaBrokers', 'kafkaClientId', 'registryUrl', 'topicPrefix', 'partitions'],
  moreSettings: [
    ...KAFKA_SECURITY_SETTINGS,
    'catalogFile',
    'spoolDir',
    'registryUsername',
    'registryPassword',
  ],
  run: async ({ flags, positionals, values, logger, out }) => {
    const [action, dir, ...rest] = positionals;
    if (action !== 'import' || dir === undefined || rest.length > 0) throw new ConfigError(USAGE);
    if (flags.org === undefined) throw new ConfigError(`legacy import needs --org ORG (${USAGE})`);
    const org = orgId(flags.org);
    const runtime = await runtimeFrom(values, logger);
    const encoder = createEventEncoder({
      http: createRegistryHttp({
        url: values.registryUrl,
        auth: registryAuth(),
        timeoutMs: readTimeouts().registryMs,
      }),
      codec: runtime.codec,
    });
    const report = await importLegacy({
      dir,
      org,
      kafka: runtime.kafka,
      codec: runtime.codec,
      encoder,
      catalog: runtime.catalog,
      topics: runtime.topics,
      partitions: runtime.partitions,
      logger: logger.child({ org }),
      spoolDir: optionalSetting('spoolDir'),
    });
    out(formatLegacyReport(report));
    return isCleanImport(report) ? EXIT.ok : EXIT.rejected;
  },
});
