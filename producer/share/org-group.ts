/**
 * Several producer instances share the orgs through Kafka's own group assignment: each instance joins one
 * consumer group on the slot topic (org-slots.ts), and the partitions the group coordinator assigns it name
 * the orgs it runs. An instance that stops leaves the group at once; one that dies is dropped after a
 * session timeout; either way the coordinator hands its slots to the others.
 *
 * While the group rebalances this instance holds no org, so it starts none; a drop already being published
 * when its org moves is stopped by the broker, not by this module: the org's new owner opens the org's
 * transactional producer, which fences this one and aborts its open transaction (produce-once.ts).
 */
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from '../../core/logger';
import type { OrgId, TopicName } from '../../core/types';
import { orgsOfSlots, slotOrder } from './org-slots';

export interface OrgShare {
  /** The orgs this instance holds now, in slot order (none while the group rebalances). */
  owned(): OrgId[];
  owns(org: OrgId): boolean;
  /** Assignments received so far (each join hands out one). */
  assignments(): number;
  /** Resolves once more than `seen` assignments were received: at once if they already were. */
  changed(seen: number): Promise<void>;
  /** Rejects when the group's consumer stopped for good (kafkajs gave up restarting it). */
  readonly crashed: Promise<never>;
  /** Leaves the group, so the others take this instance's orgs without waiting for a session timeout. */
  leave(): Promise<void>;
}

export interface OrgShareOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topic: TopicName;
  readonly orgs: readonly OrgId[];
  readonly sessionTimeoutMs: number;
  readonly logger: Logger;
}

export async function joinOrgShare(opts: OrgShareOptions): Promise<OrgShare> {
  const { groupId, topic, logger } = opts;
  const ordered = slotOrder(opts.orgs);
  const heartbeatMs = Math.min(3000, Math.floor(opts.sessionTimeoutMs / 3));
  const consumer: Consumer = opts.kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    sessionTimeout: opts.sessionTimeoutMs,
    heartbeatInterval: heartbeatMs,
    rebalanceTimeout: Math.max(60_000, 2 * opts.sessionTimeoutMs),
    // The topic stays empty: each fetch waits this long, then the runner heartbeats.
    maxWaitTimeInMs: heartbeatMs,
  });
  let owned: OrgId[] = [];
  let assignments = 0;
  let next = nextChange();
  const crashed = new Promise<never>((_, reject) => {
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) reject(payload.error);
    });
  });
  crashed.catch(() => undefined);
  consumer.on(consumer.events.REBALANCING, ({ payload }) => {
    if (owned.length > 0)
      logger.info('org group rebalancing: no org is started until the new assignment', {
        groupId,
        memberId: payload.memberId,
        held: owned,
      });
    owned = [];
  });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const slots = payload.memberAssignment[topic] ?? [];
    owned = orgsOfSlots(ordered, slots);
    assignments += 1;
    logger.info('orgs assigned', {
      groupId,
      memberId: payload.memberId,
      leader: payload.isLeader,
      slots: [...slots].sort((a, b) => a - b),
      orgs: owned,
    });
    next.resolve();
    next = nextChange();
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
  return {
    owned: () => [...owned],
    owns: (org) => owned.includes(org),
    assignments: () => assignments,
    changed: (seen) => (assignments > seen ? Promise.resolve() : next.promise),
    crashed,
    leave: async () => {
      owned = [];
      await consumer.disconnect();
      logger.info('left the org group', { groupId });
    },
  };
}

function nextChange(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
