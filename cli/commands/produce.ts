/**
 * `edreflect produce --once [--dry-run]`: publish every settled, new drop of the configured org, then exit.
 * `edreflect produce --watch [--interval SECONDS]`: the same on an interval, until SIGTERM or SIGINT.
 */
import { parseArgs } from 'node:util';
import { readSettings, setting, optionalSetting } from '../../core/config';
import { ConfigError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { registryAuth } from '../../core/registry/auth';
import { createRegistryHttp } from '../../core/registry/http';
import { orgId } from '../../core/types';
import { produceOnce, type ProduceResult } from '../../producer/connector';
import { createEventEncoder } from '../../producer/encode/encoder';
import { openSource } from '../../producer/source/open-source';
import { watch } from '../../producer/watch';
import { formatDropReport, isClean } from '../../producer/task/report';
import { EXIT } from '../exit-codes';
import { runtimeFrom, stopSignal } from '../runtime';

export const PRODUCE_SETTINGS = [
  'kafkaBrokers',
  'kafkaClientId',
  'registryUrl',
  'source',
  'org',
  'settleSeconds',
  'topicPrefix',
  'partitions',
] as const;

export async function produceCommand(
  argv: string[],
  logger: Logger,
  out: (line: string) => void,
): Promise<number> {
  const { values: flags } = parseArgs({
    args: argv,
    options: {
      once: { type: 'boolean' },
      watch: { type: 'boolean' },
      interval: { type: 'string', default: '300' },
      'dry-run': { type: 'boolean' },
    },
    strict: true,
  });
  if ((flags.once === true) === (flags.watch === true)) {
    throw new ConfigError(
      'produce needs --once (ingest the current drops, then exit) or --watch (poll until stopped)',
    );
  }
  const intervalSeconds = Number(flags.interval);
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 1)
    throw new ConfigError('--interval must be a whole number of seconds, 1 or more');
  const values = readSettings(PRODUCE_SETTINGS);
  const runtime = await runtimeFrom(values, logger);
  const org = orgId(setting(values, 'org'));
  const source = openSource({ url: setting(values, 'source'), caFile: optionalSetting('ftpCaFile'), logger });
  const encoder = createEventEncoder({
    http: createRegistryHttp({ url: setting(values, 'registryUrl'), auth: registryAuth() }),
    codec: runtime.codec,
  });
  const runOnce = (): Promise<ProduceResult> =>
    produceOnce({
      org,
      source,
      kafka: runtime.kafka,
      encoder,
      catalog: runtime.catalog,
      topics: runtime.topics,
      partitions: runtime.partitions,
      settleSeconds: Number(setting(values, 'settleSeconds')),
      spoolDir: optionalSetting('spoolDir'),
      dryRun: flags['dry-run'] === true,
      logger: logger.child({ org }),
    });
  try {
    if (flags.once === true) {
      const result = await runOnce();
      printResult(result, out);
      return exitCodeOf(result);
    }
    await watch({
      runOnce,
      onResult: (result) => printResult(result, out),
      onFailure: async (err) => {
        logger.error('produce run failed; retrying with back-off', { error: err });
        await source.close(); // the next run logs in afresh
      },
      intervalMs: intervalSeconds * 1000,
      stopped: stopSignal(logger),
      logger,
    });
    return EXIT.ok;
  } finally {
    await source.close();
  }
}

function printResult(result: ProduceResult, out: (line: string) => void): void {
  if (result.reports.length === 0 && result.unsettled.length === 0) out('no drops found');
  for (const report of result.reports) out(formatDropReport(report));
  for (const u of result.unsettled)
    out(
      `drop ${u.label || '(current)'} not settled: last change ${u.ageSeconds} s ago; left for a later run`,
    );
  for (const m of result.missed)
    out(`MISSED DAYS: ${m.days} day(s) between ${m.after} and ${m.before} were never read`);
}

export function exitCodeOf(result: ProduceResult): number {
  if (result.reports.some((r) => !isClean(r))) return EXIT.rejected;
  if (result.missed.length > 0) return EXIT.missedDays;
  return EXIT.ok;
}
