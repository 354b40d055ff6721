/**
 * One bench run: generate the drop, measure every raw baseline and every stage of ours on it, one after
 * another on the same servers, print the table, write the JSON record, and clean up unless asked to keep.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '../core/catalog/load';
import type { Logger } from '../core/logger';
import { cleanUp } from './cleanup';
import { formatSelfTime, topSelfTime } from './cpu-profile';
import { writeDrop } from './data/write-drop';
import { runNames } from './names';
import type { BenchOptions } from './options';
import { endToEnd, ourConsumer, ourProducer } from './our-stages';
import { peerSink } from './peer/peer-stage';
import { runCommand } from '../stack/command';
import { installKafkaConnectLibs } from '../stack/kafka-connect-libs';
import { stackPaths } from '../stack/paths';
import { rawInsertMany, rawParse, rawProduce } from './raw-stages';
import { dropSummary, machine, writeRecord } from './record';
import { formatCosts, formatTable, stageResults, type StageResult } from './results';
import { findServers } from './servers';
import { STAGE_LABELS, type StageContext, type StageId, type StageOutcome } from './stage';

type Stage = readonly [StageId, (ctx: StageContext) => Promise<StageOutcome>];

/** The peer runs right after our consumer, so that the two are measured as close in time as they can be. */
const stagesOf = (peer: boolean): readonly Stage[] => [
  ['raw-parse', rawParse],
  ['raw-produce', rawProduce],
  ['raw-insertMany', rawInsertMany],
  ['producer', ourProducer],
  ['consumer', ourConsumer],
  ...(peer ? ([['peer', peerSink]] as const) : []),
  ['end-to-end', endToEnd],
];

/** The day folder of the generated drop: fixed, so the same size always gives the same bytes. */
const DAY = '2026-09-14';

export interface BenchRun {
  readonly table: string;
  /** MongoDB commands, documents and statements per 1,000 events, per stage that writes to it. */
  readonly costs: string;
  readonly file: string;
  readonly results: readonly StageResult[];
}

export async function runBench(
  options: BenchOptions,
  { logger, say }: { logger: Logger; say: (line: string) => void },
): Promise<BenchRun> {
  const started = new Date();
  const load = os.loadavg();
  const servers = await findServers(logger, say);
  const catalog = loadCatalog();
  const names = runNames(started);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'edreflect-bench-'));
  const profileDir = options.cpuProf
    ? path.resolve(options.out, `${started.toISOString()}-profiles`)
    : undefined;
  try {
    say(`bench ${names.id}: generating ${options.rows} rows in ${workDir}`);
    const t0 = performance.now();
    const drop = await writeDrop({ dir: workDir, org: names.dataOrg, day: DAY, rows: options.rows, catalog });
    say(
      `  ${drop.files.length} files, ${(drop.bytes / 2 ** 20).toFixed(1)} MB, ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    let peerLibs: string | undefined;
    if (options.peer) {
      say('peer: Kafka Connect and the MongoDB sink connector jars (Maven, cached) ...');
      peerLibs = await installKafkaConnectLibs({ paths: stackPaths(), run: runCommand, logger });
    }
    const ctx: StageContext = {
      servers,
      drop,
      catalog,
      names,
      options,
      profileDir,
      timeoutMs: Math.max(15 * 60_000, options.rows * 6),
      workDir,
      peerLibs,
    };
    const outcomes: StageOutcome[] = [];
    for (const [id, stage] of stagesOf(options.peer)) {
      say(`${STAGE_LABELS[id]} ...`);
      const outcome = await stage(ctx);
      outcomes.push(outcome);
      say(`  ${outcome.seconds.toFixed(1)} s`);
    }
    const results = stageResults(outcomes, drop.rows);
    for (const o of outcomes) {
      const documents = o.details['documents'];
      const rowsStored = o.details['rowsStored'];
      if (rowsStored !== undefined) {
        say(
          `${STAGE_LABELS[o.id]} stored ${rowsStored} of the drop's ${drop.rows} rows in ${documents} documents` +
            ` (${o.details['duplicates'] ?? 0} stored twice: delivered at least once, inserted each time)`,
        );
        if (rowsStored !== drop.rows) say(`warning: ${STAGE_LABELS[o.id]} did not store every row`);
      } else if (documents !== undefined && documents !== drop.rows)
        say(`warning: ${STAGE_LABELS[o.id]} left ${documents} documents for the drop's ${drop.rows} rows`);
    }
    const file = await writeRecord(options.out, {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      runId: names.id,
      options,
      machine: machine(load),
      drop: dropSummary(drop),
      stages: results,
    });
    if (profileDir !== undefined) {
      for (const name of (await readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile')).sort()) {
        say(formatSelfTime(`${name}, by source`, topSelfTime(path.join(profileDir, name), 8, 'source')));
        say(formatSelfTime(`${name}, by function`, topSelfTime(path.join(profileDir, name))));
      }
    }
    return { table: formatTable(results), costs: formatCosts(results), file, results };
  } finally {
    if (options.keep) {
      say(
        `kept: data ${workDir}, topics ${names.id}.*, databases ${names.raw.db} ${names.ours.db} ${names.endToEnd.db}` +
          `${options.peer ? ` ${names.peer.db}` : ''}, ` +
          `FTP folder ${names.endToEnd.ftpFolder}`,
      );
    } else {
      const cleaned = await cleanUp(servers, names, workDir, { peer: options.peer });
      say(
        `cleaned up: ${cleaned.topics} topics, ${cleaned.subjects} registry subjects, ${cleaned.databases} databases, ` +
          `the FTP folder and the generated data`,
      );
      for (const p of cleaned.problems) say(`  clean-up problem: ${p}`);
    }
  }
}
