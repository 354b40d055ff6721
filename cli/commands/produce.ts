/**
 * `edreflect produce --once [--dry-run] [--accept-late]`: publish every settled, new drop of each configured
 * org, then exit. A late day folder waits (exit 4) unless --accept-late (producer/drop/late-days.ts).
 * `edreflect produce --watch [--interval SECONDS | --cron 'M H DOM MON DOW']`: the same on an interval or at
 * the times of a cron schedule (after a first run at start), until SIGTERM or SIGINT.
 *
 * The orgs are EDREFLECT_ORG + EDREFLECT_SOURCE, or the `orgs` list of the configuration file
 * (core/orgs.ts). With several orgs each runs in turn; one org's failure is printed and the others go
 * on; the exit status is the worst of them. With EDREFLECT_PRODUCER_GROUP, --watch runs only the orgs Kafka's
 * group assignment gives this instance, and takes over those of an instance that stops or dies
 * (producer/share/, docs/many-orgs.md).
 */
import { notSet, optionalSetting, readSettings, resolveSettings, type Settings } from '../../core/config';
import { ConfigError, ConnectorError, errorMessage } from '../../core/errors';
import { createWatchdog } from '../../core/progress/watchdog';
import type { HealthCheck } from '../../core/health/check';
import { kafkaCheck } from '../../core/health/kafka';
import { Registry } from '../../core/metrics/registry';
import { defineCommand, KAFKA_SECURITY_SETTINGS } from '../command';
import type { SettingName } from '../../core/settings';
import { readOrgTargets, type OrgTarget } from '../../core/orgs';
import { redact } from '../../core/redact';
import { registryAuth } from '../../core/registry/auth';
import { createRegistryHttp } from '../../core/registry/http';
import { readTimeouts, TIMEOUT_SETTING_NAMES } from '../../core/timeouts';
import type { OrgId } from '../../core/types';
import { produceOnce, type ProduceResult } from '../../producer/produce-once';
import { createEventEncoder } from '../../producer/encode/encoder';
import { runOrgs, type OrgOutcome } from '../../producer/run-orgs';
import { openSource } from '../../producer/source/open-source';
import type { ExportFolder } from '../../producer/source/source';
import { parseCron } from '../../producer/schedule/cron';
import { watch } from '../../producer/watch';
import type { OrgShare } from '../../producer/share/org-group';
import { checkShare, heldElsewhere, startOrgShare } from '../../producer/share/shared-orgs';
import { producerMetrics } from '../../producer/observe/metrics';
import { observedSource } from '../../producer/observe/observed-source';
import {
  produceWatch,
  watchedCodec,
  watchedRegistryHttp,
  watchedSource,
} from '../../producer/observe/watched';
import { exitAfterStall } from '../stall-exit';
import { formatLateDrop } from '../../producer/drop/late-days';
import { overdueCheck } from '../../producer/observe/overdue-check';
import { lateDropHealth } from '../../producer/observe/late-drop-check';
import { formatDropReport, isClean } from '../../producer/task/report';
import { EXIT, exitOfError, worstExit } from '../exit-codes';
import { OBSERVABILITY_SETTINGS, startObservability } from '../observability';
import { runtimeFrom, stopSignal } from '../runtime';

/** Settings every org shares; each org's own org id, source and password come from core/orgs.ts. */
export const PRODUCE_SETTINGS = [
  'kafkaBrokers',
  'kafkaClientId',
  'registryUrl',
  'settleSeconds',
  'topicPrefix',
  'partitions',
] as const;

/** What produce --watch reads besides: its health checks, metrics and group (checked with the rest, up front). */
const WATCH_SETTINGS = [
  'stallTimeoutSeconds',
  'dropOverdueHours',
  'consumerGroup',
  'consumerSessionTimeoutSeconds',
  ...OBSERVABILITY_SETTINGS,
] as const;

type ProduceSettingName = (typeof PRODUCE_SETTINGS)[number] | 'stallTimeoutSeconds';

export const produceCommand = defineCommand({
  name: 'produce',
  usage: [
    'produce --once [--dry-run] [--accept-late]',
    "produce --watch [--interval SECONDS | --cron 'M H DOM MON DOW']",
  ],
  summary:
    "Publishes every settled, new drop of each org (EDREFLECT_ORG and EDREFLECT_SOURCE, or the configuration file's orgs),\nonce or on a schedule until SIGTERM; one org's failure does not stop the others.",
  flags: {
    once: { type: 'boolean', description: 'publish the current drops, then exit' },
    watch: { type: 'boolean', description: 'poll until SIGTERM or SIGINT (serves /metrics and /health)' },
    interval: {
      type: 'string',
      value: 'SECONDS',
      default: '300',
      description: 'seconds between polls of --watch',
    },
    cron: {
      type: 'string',
      value: "'M H DOM MON DOW'",
      description: 'poll at the times of a cron schedule (TZ), with --watch',
    },
    'dry-run': {
      type: 'boolean',
      description: 'read and check the drops, print what would be published, publish nothing',
    },
    'accept-late': {
      type: 'boolean',
      description:
        'publish a late day folder, then the later days again in day order (else it waits, exit 4)',
    },
  },
  settings: [],
  moreSettings: [
    ...PRODUCE_SETTINGS,
    'org',
    'source',
    'ftpPassword',
    'ftpCaFile',
    'spoolDir',
    'catalogFile',
    'dropOverdueHours',
    'producerGroup',
    'consumerSessionTimeoutSeconds',
    ...OBSERVABILITY_SETTINGS,
    ...KAFKA_SECURITY_SETTINGS,
    'registryUsername',
    'registryPassword',
    'stallTimeoutSeconds',
    ...TIMEOUT_SETTING_NAMES,
  ],
  run: async ({ flags, logger, out }) => {
    if ((flags.once === true) === (flags.watch === true)) {
      throw new ConfigError(
        'produce needs --once (ingest the current drops, then exit) or --watch (poll until stopped)',
      );
    }
    const intervalSeconds = Number(flags.interval);
    if (!Number.isInteger(intervalSeconds) || intervalSeconds < 1 || intervalSeconds > 7 * 86_400)
      throw new ConfigError('--interval must be a whole number of seconds from 1 to 604800 (7 days)');
    if (flags.cron !== undefined && flags.watch !== true) throw new ConfigError('--cron goes with --watch');
    const schedule = flags.cron === undefined ? undefined : parseCron(flags.cron);
    // --watch serves /metrics and /health: its settings are checked with the others, up front.
    const { values, targets } = readProduceConfig(flags.watch === true ? WATCH_SETTINGS : []);
    const watchValues = flags.watch === true ? readSettings(WATCH_SETTINGS) : undefined; // checked just now
    const producerGroup = optionalSetting('producerGroup'); // checked here: unset is this instance runs every org
    if (producerGroup !== undefined)
      checkShare({
        group: producerGroup,
        watch: flags.watch === true,
        consumerGroup: watchValues?.consumerGroup,
      });
    const runtime = await runtimeFrom(values, logger);
    const timeouts = readTimeouts();
    const registry = new Registry();
    const metrics = producerMetrics(registry, runtime.catalog);
    const watchdog = createWatchdog({
      stallMs: values.stallTimeoutSeconds * 1000,
      logger,
    });
    // A stalled run may be stuck in the very call its clean-up would close: the command ends on the stall
    // (--watch too: its supervisor starts it again, with new clients).
    watchdog.stalled.catch((err: unknown) => {
      if (err instanceof ConnectorError) exitAfterStall(err, 'produce');
    });
    const progressWatch = produceWatch(watchdog);
    const registryUrl = values.registryUrl;
    const registryName = `the Schema Registry at ${registryUrl}`;
    const encoder = createEventEncoder({
      http: watchedRegistryHttp(
        createRegistryHttp({ url: registryUrl, auth: registryAuth(), timeoutMs: timeouts.registryMs }),
        registryName,
        progressWatch,
      ),
      codec: watchedCodec(runtime.codec, registryName, progressWatch),
    });
    const observed = new Map(
      targets.map((t) => [
        t.org,
        observedSource(
          watchedSource(
            openSource({ url: t.sourceUrl, caFile: t.caFile, logger, timeoutMs: timeouts.ftpMs }),
            progressWatch,
          ),
        ),
      ]),
    );
    const sourceOf = (org: OrgId): ExportFolder => (observed.get(org) as { source: ExportFolder }).source;
    const late = lateDropHealth();
    const runOne = (org: OrgId): Promise<ProduceResult> => Promise.race([produceOne(org), watchdog.stalled]);
    const produceOne = (org: OrgId): Promise<ProduceResult> =>
      produceOnce({
        org,
        source: sourceOf(org),
        kafka: runtime.kafka,
        encoder,
        catalog: runtime.catalog,
        topics: runtime.topics,
        partitions: runtime.partitions,
        transactionTimeoutMs: timeouts.kafkaTransactionMs,
        settleSeconds: values.settleSeconds,
        spoolDir: optionalSetting('spoolDir'),
        dryRun: flags['dry-run'] === true,
        acceptLate: flags['accept-late'] === true,
        logger: logger.child({ org }),
        observer: metrics,
        watch: progressWatch,
        kafkaName: values.kafkaBrokers,
      })
        .then((result) => (late.note(org, result.late ?? []), result))
        .finally(() => progressWatch.done());
    const closeAll = async (): Promise<void> => {
      for (const { source } of observed.values()) await source.close();
    };
    let share: OrgShare | undefined;
    let assignmentsRun = 0; // the assignments known when the last run began
    try {
      const runAll = async (): Promise<OrgOutcome<ProduceResult>[]> => {
        const held = share;
        assignmentsRun = held?.assignments() ?? 0;
        const outcomes = await runOrgs(
          held === undefined ? targets.map((t) => t.org) : held.owned(),
          runOne,
          logger,
          held === undefined ? undefined : (org) => held.owns(org),
        );
        for (const o of outcomes) {
          metrics.pollDone(o.org, !('error' in o));
          if ('error' in o) await sourceOf(o.org).close(); // the next run logs in afresh
        }
        // One org: its failure is the command's failure (exit 1, or 5), and watch retries it with back-off.
        const [only] = outcomes;
        if (targets.length === 1 && only !== undefined && 'error' in only) throw only.error;
        return outcomes;
      };
      const print = (outcomes: OrgOutcome<ProduceResult>[]): number => {
        const [only] = outcomes;
        if (targets.length !== 1 || only === undefined || 'error' in only)
          return printOutcomes(outcomes, out);
        printResult(only.result, out, '');
        return exitCodeOf(only.result);
      };
      if (watchValues === undefined) return print(await runAll()); // --once
      if (producerGroup !== undefined)
        share = await startOrgShare({
          kafka: runtime.kafka,
          groupId: producerGroup,
          topic: runtime.topics.orgSlots,
          orgs: targets.map((t) => t.org),
          sessionTimeoutMs: watchValues.consumerSessionTimeoutSeconds * 1000,
          logger,
        });
      await watchLoop(watchValues, runAll, (outcomes) => void print(outcomes), closeAll);
      return EXIT.ok;
    } finally {
      watchdog.stop();
      await share?.leave();
      await closeAll();
    }

    /** Polls until stopped, serving /metrics and /health (when a metrics port is set) meanwhile. */
    async function watchLoop<T>(
      watching: Settings<(typeof WATCH_SETTINGS)[number]>,
      runOnce: () => Promise<T>,
      onResult: (result: T) => void,
      reset: () => Promise<void>,
    ): Promise<void> {
      const overdueHours = watching.dropOverdueHours;
      const held = share;
      const perOrg = (check: HealthCheck, org: OrgId): HealthCheck =>
        held === undefined ? check : heldElsewhere(check, org, held);
      const server = await startObservability({
        registry,
        checks: [
          kafkaCheck({
            brokers: values.kafkaBrokers,
            clientId: values.kafkaClientId,
          }),
          ...[...observed.entries()].map(([org, o]) => perOrg(o.check, org)),
          ...targets.map((t) =>
            perOrg(overdueCheck({ org: t.org, newestSeen: metrics.newestSeen, hours: overdueHours }), t.org),
          ),
          late.check,
          watchdog.check,
        ],
        logger,
      });
      try {
        const watching = watch({
          runOnce,
          onResult,
          onFailure: async (err) => {
            // A changed partition count is not retried: nothing may be written until the topics migrate.
            if (exitOfError(err) === EXIT.partitionsChanged) throw err;
            logger.error('produce run failed; retrying with back-off', { error: err });
            await reset(); // the next run logs in afresh
          },
          intervalMs: intervalSeconds * 1000,
          ...(schedule === undefined ? {} : { schedule }),
          stopped: stopSignal(logger),
          // A new assignment starts the orgs it brings at once, not after the interval.
          ...(held === undefined ? {} : { woken: () => held.changed(assignmentsRun) }),
          logger,
        });
        await (held === undefined ? watching : Promise.race([watching, held.crashed]));
      } finally {
        await server?.close();
      }
    }
  },
});

/** The shared settings and the orgs, with every problem of both in one error. */
function readProduceConfig(extra: readonly SettingName[]): {
  values: Settings<ProduceSettingName>;
  targets: OrgTarget[];
} {
  const shared = resolveSettings([...PRODUCE_SETTINGS, 'stallTimeoutSeconds', ...extra]);
  const orgs = readOrgTargets();
  const problems = [...shared.problems, ...shared.missing.map(notSet), ...orgs.problems];
  if (problems.length > 0) throw new ConfigError(`configuration: ${problems.join('; ')}`);
  return { values: shared.parsed as Settings<ProduceSettingName>, targets: orgs.targets };
}

function printOutcomes(outcomes: OrgOutcome<ProduceResult>[], out: (line: string) => void): number {
  return worstExit(
    outcomes.map((o) => {
      if ('error' in o) {
        out(`org ${o.org}: FAILED: ${redact(errorMessage(o.error))}`);
        return exitOfError(o.error);
      }
      printResult(o.result, out, `org ${o.org}: `);
      return exitCodeOf(o.result);
    }),
  );
}

function printResult(result: ProduceResult, out: (line: string) => void, prefix: string): void {
  if (result.reports.length === 0 && result.unsettled.length === 0) out(`${prefix}no drops found`);
  for (const report of result.reports) out(formatDropReport(report));
  for (const u of result.unsettled)
    out(
      `${prefix}drop ${u.label || '(current)'} not settled: last change ${u.ageSeconds} s ago; left for a later run`,
    );
  for (const m of result.missed)
    out(`${prefix}MISSED DAYS: ${m.days} day(s) between ${m.after} and ${m.before} were never read`);
  for (const l of result.late ?? []) out(`${prefix}${formatLateDrop(l)}`);
}

export function exitCodeOf(result: ProduceResult): number {
  if ((result.late ?? []).length > 0) return EXIT.lateDrop;
  if (result.reports.some((r) => !isClean(r))) return EXIT.rejected;
  if (result.missed.length > 0) return EXIT.missedDays;
  return EXIT.ok;
}
