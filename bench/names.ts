/**
 * Fresh names for every bench run, so runs never see each other's data and their clean-up is exact: every
 * topic, registry subject, database, consumer group and org of a run starts with its id.
 */
import { randomBytes } from 'node:crypto';

export interface StageNames {
  readonly org: string;
  readonly prefix: string;
  readonly db: string;
  readonly group: string;
}

export interface RunNames {
  readonly id: string;
  /** The org folder name of the generated drop. */
  readonly dataOrg: string;
  readonly raw: { readonly topic: string; readonly db: string };
  /** Our producer stage publishes under these names and our consumer stage reads them. */
  readonly ours: StageNames;
  readonly endToEnd: StageNames & { readonly ftpFolder: string };
  /** The peer (MongoDB Kafka sink connector): its topics (one per collection), database and connector. */
  readonly peer: {
    readonly org: string;
    readonly topicPrefix: string;
    readonly db: string;
    readonly connector: string;
  };
}

export function runNames(now: Date = new Date()): RunNames {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const id = `bench-${stamp}-${randomBytes(3).toString('hex')}`;
  const stage = (tag: string): StageNames => ({
    org: `${id}-${tag}`,
    prefix: `${id}.${tag}.`,
    db: `${id}_${tag}`.replace(/-/g, '_'),
    group: `${id}-${tag}`,
  });
  return {
    id,
    dataOrg: id,
    raw: { topic: `${id}.raw`, db: `${id}_raw`.replace(/-/g, '_') },
    ours: stage('ours'),
    endToEnd: { ...stage('e2e'), ftpFolder: `${id}-e2e` },
    peer: {
      org: `${id}-peer`,
      topicPrefix: `${id}.peer.`,
      db: `${id}_peer`.replace(/-/g, '_'),
      connector: `${id}-peer`,
    },
  };
}
