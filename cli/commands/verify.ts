/**
 * `edreflect verify [--org ORG] [--until DAY] [--json]`: proves that MONGODB_DB holds what the topics
 * imply, or names where it does not (consumer/verify/). Exit 0 when equal, 1 with a summary otherwise.
 */
import { untilDay } from '../../consumer/replay/until';
import { formatDifference } from '../../consumer/verify/compare';
import { verify } from '../../consumer/verify/run';
import { defineCommand, KAFKA_SECURITY_SETTINGS } from '../command';
import { EXIT } from '../exit-codes';
import { runtimeFrom, stopSignal } from '../runtime';
import { CONSUME_SETTINGS } from './consume';

/** Lines of differences printed as text; --json carries them all. */
const SHOWN = 50;

export const verifyCommand = defineCommand({
  name: 'verify',
  usage: ['verify [--org ORG] [--until YYYY-MM-DD] [--json]'],
  summary:
    'Rebuilds what the topics imply into a scratch database (a fresh group, from the beginning), compares it with MONGODB_DB\ndocument by document and names each difference (collection, org, key, field, both values). The scratch database is dropped.\nExit 0 when they are equal, 1 when they differ (or on error: the last line says which).',
  flags: {
    org: { type: 'string', value: 'ORG', description: "compare only this org's documents" },
    until: {
      type: 'string',
      value: 'YYYY-MM-DD',
      description:
        'rebuild only the events of this vendor day and earlier (for a database made by replay --until)',
    },
    json: { type: 'boolean', description: 'print the result as one JSON object' },
  },
  settings: CONSUME_SETTINGS,
  moreSettings: [...KAFKA_SECURITY_SETTINGS, 'catalogFile', 'registryUsername', 'registryPassword'],
  run: async ({ flags, values, logger, out }) => {
    const until = flags.until === undefined ? undefined : untilDay(flags.until);
    const runtime = await runtimeFrom(values, logger);
    const result = await verify({
      runtime,
      mongoUri: values.mongoUri,
      database: values.mongoDb,
      liveGroup: values.consumerGroup,
      ...(flags.org === undefined ? {} : { org: flags.org }),
      ...(until === undefined ? {} : { until }),
      concurrency: values.consumerConcurrency,
      sessionTimeoutMs: values.consumerSessionTimeoutSeconds * 1000,
      logger,
      stopSignal: stopSignal(logger),
    });
    if (flags.json === true) {
      out(JSON.stringify(result));
      return result.equal ? EXIT.ok : EXIT.differs;
    }
    const scope = `${result.database}${result.org === undefined ? '' : ` (org ${result.org})`}${result.until === undefined ? '' : ` until ${result.until}`}`;
    for (const d of result.differences.slice(0, SHOWN)) out(formatDifference(d));
    if (result.differences.length > SHOWN)
      out(`... and ${result.differences.length - SHOWN} more (--json lists them all)`);
    if (result.liveLag > 0)
      out(`note: group ${values.consumerGroup} has ${result.liveLag} event(s) not applied yet`);
    const { changed, missing, extra } = result.counts;
    out(
      result.equal
        ? `verified: ${scope} equals what the topics imply (${result.documents.database} documents in ${result.collections} collections, ${result.events} events replayed)`
        : `DIFFERS: ${scope}: ${result.differences.length} difference(s): ${changed} field(s) changed, ${missing} document(s) missing, ${extra} document(s) not implied by any event (${result.documents.database} documents in the database, ${result.documents.topics} implied)`,
    );
    return result.equal ? EXIT.ok : EXIT.differs;
  },
});
