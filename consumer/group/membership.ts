/**
 * What this member knows of its place in the consumer group, from kafkajs' events: how many times it has
 * joined (each join hands out a new assignment) and when the group coordinator last accepted it (the join,
 * or a heartbeat answered without error). The coordinator gives a member's partitions away only after it
 * has not heard from the member for a session timeout, so until then plus the session the member owns
 * what it was assigned.
 */
import type { Consumer } from 'kafkajs';

export interface Membership {
  /** The group session (kafkajs sessionTimeout) the member joined with. */
  readonly sessionTimeoutMs: number;
  /** Joins so far: a batch begun under one join must not write under the next. */
  joins(): number;
  /** Milliseconds since the coordinator last accepted this member; Infinity before it ever did. */
  sinceAccepted(): number;
  /** The member id and generation of the last heartbeat or join, for the logs. */
  describe(): { readonly memberId?: string; readonly generation?: number };
}

export function trackMembership(
  consumer: Consumer,
  sessionTimeoutMs: number,
  now: () => number = () => performance.now(),
): Membership {
  let joins = 0;
  let accepted = Number.NEGATIVE_INFINITY;
  let memberId: string | undefined;
  let generation: number | undefined;
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    joins += 1;
    accepted = now();
    memberId = payload.memberId;
  });
  consumer.on(consumer.events.HEARTBEAT, ({ payload }) => {
    accepted = now();
    memberId = payload.memberId;
    generation = payload.groupGenerationId;
  });
  return {
    sessionTimeoutMs,
    joins: () => joins,
    sinceAccepted: () => now() - accepted,
    describe: () => ({
      ...(memberId === undefined ? {} : { memberId }),
      ...(generation === undefined ? {} : { generation }),
    }),
  };
}
