/**
 * Removes what a bench run made: its topics and consumer groups (kafkajs admin), its registry subjects, its
 * databases, its FTP folder and the generated data. Every name starts with the run's id, so nothing else
 * is touched. A step that fails is reported and the others still run.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { CLOSE_SCHEMA, PURGE_SCHEMA, subjectFor } from '../core/events/contract';
import { ROW_NAMESPACE } from '../producer/encode/row-schema';
import type { RunNames } from './names';
import { sinkGroup } from './peer/caught-up';
import type { Servers } from './servers';
import { basicAuthorization, registryAuth } from '../core/registry/auth';
import { StackError } from '../core/errors';
import { benchKafka } from './kafka-client';

export interface CleanUpReport {
  readonly topics: number;
  readonly subjects: number;
  readonly databases: number;
  readonly problems: readonly string[];
}

export async function cleanUp(
  servers: Servers,
  names: RunNames,
  workDir: string,
  { peer }: { peer: boolean },
): Promise<CleanUpReport> {
  const problems: string[] = [];
  const attempt = async <T>(what: string, step: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await step();
    } catch (err) {
      problems.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      return fallback;
    }
  };
  const kafka = benchKafka('edreflect-bench', servers.kafkaBrokers, logLevel.NOTHING);
  const admin = kafka.admin();
  const topics = await attempt(
    'topics',
    async () => {
      await admin.connect();
      return (await admin.listTopics()).filter((t) => t.startsWith(names.id));
    },
    [],
  );
  const subjects = await attempt('registry subjects', () => deleteSubjects(servers, names, topics), 0);
  await attempt(
    'topics',
    async () => {
      if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 60_000 });
      await admin
        .deleteGroups([names.ours.group, names.endToEnd.group, sinkGroup(names.peer.connector)])
        .catch(() => undefined);
    },
    undefined,
  );
  await admin.disconnect().catch(() => undefined);
  const databases = await attempt('databases', () => dropDatabases(servers, names, peer), 0);
  await attempt(
    'FTP folder',
    () => rm(path.join(servers.ftpRoot, names.endToEnd.ftpFolder), { recursive: true, force: true }),
    undefined,
  );
  await attempt('generated data', () => rm(workDir, { recursive: true, force: true }), undefined);
  return { topics: topics.length, subjects, databases, problems };
}

/**
 * The run's registry subjects (topic-record naming, docs/design.md), derived from its topics: the
 * registry's subject list is capped (Apicurio lists 1000) so it cannot be searched. Each is soft-deleted,
 * then deleted for good; a subject that was never registered answers 404.
 */
async function deleteSubjects(servers: Servers, names: RunNames, topics: readonly string[]): Promise<number> {
  const base = servers.registryUrl.replace(/\/+$/, '');
  const prefixes = [names.ours.prefix, names.endToEnd.prefix];
  const auth = registryAuth();
  const headers: Record<string, string> =
    auth === undefined ? {} : { authorization: basicAuthorization(auth) };
  let deleted = 0;
  for (const topic of topics) {
    const prefix = prefixes.find((p) => topic.startsWith(p));
    if (prefix === undefined) continue;
    const records = [
      `${ROW_NAMESPACE}.${topic.slice(prefix.length)}`,
      `${PURGE_SCHEMA.namespace}.${PURGE_SCHEMA.name}`,
      `${CLOSE_SCHEMA.namespace}.${CLOSE_SCHEMA.name}`,
    ];
    for (const record of records) {
      const name = subjectFor(topic, record);
      const subject = `${base}/subjects/${encodeURIComponent(name)}`;
      const soft = await fetch(subject, { method: 'DELETE', headers });
      if (soft.status === 404) continue;
      if (!soft.ok) throw new StackError(`DELETE subject ${name}: HTTP ${soft.status}`);
      await fetch(`${subject}?permanent=true`, { method: 'DELETE', headers });
      deleted += 1;
    }
  }
  return deleted;
}

async function dropDatabases(servers: Servers, names: RunNames, peer: boolean): Promise<number> {
  const client = new MongoClient(servers.mongoUri);
  await client.connect();
  try {
    const dbs = [names.raw.db, names.ours.db, names.endToEnd.db, ...(peer ? [names.peer.db] : [])];
    for (const db of dbs) await client.db(db).dropDatabase();
    return dbs.length;
  } finally {
    await client.close();
  }
}
