/**
 * How many copies of each topic the connector creates, and how many must have a write before it counts
 * (`min.insync.replicas`; with `acks=-1`, which transactions use, a write fails rather than be held by fewer).
 * From EDREFLECT_REPLICATION_FACTOR and EDREFLECT_MIN_INSYNC_REPLICAS; unset, from the cluster: 3 copies
 * (fewer if the cluster has fewer brokers) and one less than that in sync, so one broker may be down.
 */
import type { Admin } from 'kafkajs';
import { optionalSetting } from '../config';
import { ConfigError } from '../errors';
import { SETTINGS } from '../settings';

export interface TopicReplication {
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
}

export interface ReplicationSettings {
  readonly replicationFactor?: number | undefined;
  readonly minInsyncReplicas?: number | undefined;
}

export function replicationSettings(env: NodeJS.ProcessEnv = process.env): ReplicationSettings {
  return {
    replicationFactor: optionalSetting('replicationFactor', env),
    minInsyncReplicas: optionalSetting('minInsyncReplicas', env),
  };
}

/** The settings checked against the cluster's brokers, with the defaults filled in. */
export function resolveReplication(settings: ReplicationSettings, brokers: number): TopicReplication {
  const replicationFactor = settings.replicationFactor ?? Math.max(1, Math.min(3, brokers));
  if (replicationFactor > brokers) {
    throw new ConfigError(
      `${SETTINGS.replicationFactor.env} is ${replicationFactor} but the Kafka cluster has ${brokers} broker${brokers === 1 ? '' : 's'}: set it to ${brokers} or less`,
    );
  }
  const minInsyncReplicas = settings.minInsyncReplicas ?? Math.max(1, replicationFactor - 1);
  if (minInsyncReplicas > replicationFactor) {
    throw new ConfigError(
      `${SETTINGS.minInsyncReplicas.env} is ${minInsyncReplicas} but the replication factor is ${replicationFactor}: no write could succeed; set it to ${replicationFactor} or less`,
    );
  }
  return { replicationFactor, minInsyncReplicas };
}

export async function topicReplication(
  admin: Admin,
  settings: ReplicationSettings = replicationSettings(),
): Promise<TopicReplication> {
  const { brokers } = await admin.describeCluster();
  return resolveReplication(settings, brokers.length);
}
