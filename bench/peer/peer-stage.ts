/**
 * The peer stage (`--peer`): the MongoDB Kafka sink connector under Kafka Connect standalone, over the same
 * rows, into the same MongoDB server as our consumer. Our topics carry Avro in the Confluent wire format
 * with the registry, interleaved with drop and close events an insert-only sink would store as documents;
 * Confluent's AvroConverter is not on Maven Central. So the peer reads a JSON copy of the drop's rows alone,
 * one topic per collection, written before the stage (untimed, as our producer stage is untimed for our
 * consumer), and inserts each one (InsertOneDefaultStrategy). Timed from the JVM's spawn to the moment its
 * group has committed every offset (JVM start and group join included, as Node's and the group's are for
 * our consumer). The server's command counters are read around it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { MongoClient } from 'mongodb';
import path from 'node:path';
import { InternalError } from '../../core/errors';
import { findJava } from '../../stack/java';
import { KAFKA_MIN_JAVA } from '../../stack/versions';
import type { PeerFeedTask } from '../children/peer-feed';
import { measureProcess, type ProcessRun } from '../measure';
import { emptyTally, stageCosts } from '../mongo-tally';
import { countDocuments } from '../our-stages';
import { commandsBetween, readServerCommands } from '../server-commands';
import { childScript, requireSuccess, type StageContext, type StageOutcome } from '../stage';
import { sinkGroup, waitCaughtUp } from './caught-up';
import { writeConnectFiles } from './connect-files';
import { benchKafka } from '../kafka-client';
import { createTopicsWithLeaders } from '../../core/kafka/topic-leaders';

/** Java's exit status after SIGTERM (128 + 15), once its shutdown hooks have run. */
const STOPPED_BY_SIGTERM = 143;

/** The peer's topic per collection of the drop's files. */
function peerTopics(ctx: StageContext): Map<string, string> {
  const byCollection = new Map<string, string>();
  for (const f of ctx.drop.files) {
    const entry = ctx.catalog.byFile(f.file);
    if (entry === undefined) throw new InternalError(`${f.file} is not in the catalog`);
    byCollection.set(entry.collection, `${ctx.names.peer.topicPrefix}${entry.collection}`);
  }
  return byCollection;
}

async function createTopics(ctx: StageContext, topics: readonly string[]): Promise<void> {
  const kafka = benchKafka('edreflect-bench', ctx.servers.kafkaBrokers);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsWithLeaders(
      admin,
      topics.map((topic) => ({ topic, numPartitions: ctx.options.partitions })),
    );
  } finally {
    await admin.disconnect();
  }
}

/** Writes the JSON copy of the rows into the peer's topics (not timed). */
async function feed(ctx: StageContext, topicOf: ReadonlyMap<string, string>): Promise<number> {
  const task: PeerFeedTask = {
    brokers: ctx.servers.kafkaBrokers,
    org: ctx.names.peer.org,
    drop: '0123456789abcdef0123456789abcdef',
    day: ctx.drop.day,
    perSend: 1000,
    inFlight: 1,
    files: ctx.drop.files.map((f) => {
      const entry = ctx.catalog.byFile(f.file)!;
      return { path: f.path, file: f.file, topic: topicOf.get(entry.collection)!, types: entry.columns };
    }),
  };
  const run = requireSuccess(
    await measureProcess({
      label: 'peer feed',
      args: [childScript('peer-feed'), JSON.stringify(task)],
      env: { ...process.env, ...ctx.servers.env },
      timeoutMs: ctx.timeoutMs,
    }),
  );
  const { messages } = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { messages?: number };
  if (messages !== ctx.drop.rows)
    throw new InternalError(`the peer feed wrote ${messages} rows, the drop has ${ctx.drop.rows}`);
  return messages;
}

/**
 * Rows stored at least once: distinct (`_file`, `_line`) over the peer's collections. The sink delivers at
 * least once, and an insert-only write model stores a redelivered row again, so documents may exceed rows.
 */
async function distinctRows(ctx: StageContext, db: string): Promise<number> {
  const client = new MongoClient(ctx.servers.mongoUri);
  await client.connect();
  try {
    const database = client.db(db);
    let rows = 0;
    for (const c of await database.listCollections({}, { nameOnly: true }).toArray()) {
      const seen = new Set<string>();
      const cursor = database.collection(c.name).find({}, { projection: { _id: 0, _file: 1, _line: 1 } });
      for await (const doc of cursor) seen.add(`${String(doc['_file'])}:${String(doc['_line'])}`);
      rows += seen.size;
    }
    return rows;
  } finally {
    await client.close();
  }
}

function requireStopped(run: ProcessRun): ProcessRun {
  if (run.doneMs !== undefined && (run.code === 0 || run.code === STOPPED_BY_SIGTERM)) return run;
  const how = run.timedOut
    ? 'ran over its time limit and was killed'
    : run.doneMs === undefined
      ? `exited with ${run.code ?? 'a signal'} before its rows were stored`
      : `exited with ${run.code ?? 'a signal'} when stopped`;
  throw new InternalError(
    `${run.label} ${how}\nstdout:\n${run.stdout.slice(-4000)}\nstderr:\n${run.stderrTail}`,
  );
}

export async function peerSink(ctx: StageContext): Promise<StageOutcome> {
  const libs = ctx.peerLibs;
  if (libs === undefined) throw new InternalError('the peer stage runs only with --peer');
  const names = ctx.names.peer;
  const topicOf = peerTopics(ctx);
  const topics = [...topicOf.values()];
  await createTopics(ctx, topics);
  const fed = await feed(ctx, topicOf);

  const dir = path.join(ctx.workDir, 'peer-connect');
  await mkdir(dir, { recursive: true });
  const files = writeConnectFiles({
    dir,
    brokers: ctx.servers.kafkaBrokers,
    mongoUri: ctx.servers.mongoUri,
    database: names.db,
    connectorName: names.connector,
    topics: Object.fromEntries([...topicOf].map(([collection, topic]) => [topic, collection])),
    tasks: ctx.options.consumers,
  });
  const java = findJava({ minMajor: KAFKA_MIN_JAVA, settingName: 'EDREFLECT_STACK_KAFKA_JAVA_HOME' });
  const before = await readServerCommands(ctx.servers.mongoDebugUrl);
  const run = requireStopped(
    await measureProcess({
      label: 'peer sink',
      command: java.java,
      args: [
        '-Xms256m',
        '-Xmx1g',
        '-Djava.awt.headless=true',
        `-Dlog4j.configuration=file:${files.log4j}`,
        '-cp',
        path.join(libs, '*'),
        'org.apache.kafka.connect.cli.ConnectStandalone',
        files.worker,
        files.sink,
      ],
      env: process.env,
      timeoutMs: ctx.timeoutMs,
      until: (signal) =>
        waitCaughtUp({
          brokers: ctx.servers.kafkaBrokers,
          groupId: sinkGroup(names.connector),
          topics,
          signal,
        }),
    }),
  );
  const commands = commandsBetween(before, await readServerCommands(ctx.servers.mongoDebugUrl));
  await writeFile(path.join(dir, 'connect.log'), `${run.stdout}\n${run.stderrTail}`);
  const documents = await countDocuments(ctx, names.db);
  const rowsStored = await distinctRows(ctx, names.db);
  const updates = commands['update'] ?? 0;
  const deletes = commands['delete'] ?? 0;
  const costs = stageCosts(
    'server',
    fed,
    {
      ...emptyTally(),
      commands,
      insertedDocuments: documents,
      updateStatements: updates,
      deleteStatements: deletes,
    },
    'commands as FerretDB counted them; inserted documents = documents stored (insert-only write model); ' +
      'update and delete statements = update and delete commands (the server counts commands, and the peer sent ' +
      `${updates + deletes})`,
  );
  return {
    id: 'peer',
    processes: [run],
    seconds: (run.doneMs! - run.startedMs) / 1000,
    details: { events: fed, documents, rowsStored, duplicates: documents - rowsStored },
    costs,
  };
}
