/**
 * The check before every MongoDB call of a batch: does this member still own the partition? kafkajs
 * heartbeats only between our calls, so a call that hangs longer than the group session lets the
 * coordinator hand the partition to another member, which resumes from the last commit and goes on to
 * later days. When the hung call returns, the rest of the chunk (day D) must not be written over the new
 * owner's day D+1. So a call is sent only when the coordinator accepted this member within the last half
 * session (a heartbeat renews that when it is older, and fails when the member was removed or the group
 * is rebalancing) and the member has not joined again since the batch began; otherwise the guard logs the
 * call it did not send and throws, and the batch is given up without recording or committing anything.
 * What it cannot do: stop a call already sent (docs/design.md, "A member that lost its partitions").
 */
import { ServerError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { Membership } from '../group/membership';

/** Called with what is about to be sent (`insert 500 documents into ratings`); throws when it must not be. */
export type BeforeWrite = (next: string) => Promise<void>;

export interface OwnershipOptions {
  readonly membership: Membership;
  /** kafkajs' heartbeat of the batch: sends one when its interval has passed, throws when the group moved on. */
  readonly heartbeat: () => Promise<void>;
  /** `topic:partition` of the batch. */
  readonly partition: string;
  /** The first offset of the chunk being written, for the log. */
  readonly offset: () => string;
  readonly logger: Logger;
}

export function ownershipGuard(opts: OwnershipOptions): BeforeWrite {
  const { membership, logger } = opts;
  const joinsAtStart = membership.joins();
  const renewAfter = membership.sessionTimeoutMs / 2;
  const stop = (next: string, reason: string, cause?: unknown): never => {
    logger.warn('stopped writing a partition this member may have lost; the chunk is given up', {
      partition: opts.partition,
      offset: opts.offset(),
      next,
      reason,
      sinceAcceptedMs: Math.round(membership.sinceAccepted()),
      sessionTimeoutMs: membership.sessionTimeoutMs,
      ...membership.describe(),
    });
    // kafkajs' own error (a rebalance, an unknown member) makes it join the group again.
    if (cause !== undefined) throw cause;
    throw new ServerError('KAFKA', `${opts.partition}: ${reason}; "${next}" was not sent`);
  };
  return async (next) => {
    if (membership.joins() !== joinsAtStart)
      stop(next, 'the member joined the group again since the batch began');
    if (membership.sinceAccepted() > renewAfter) {
      try {
        await opts.heartbeat();
      } catch (err) {
        stop(next, `the group coordinator refused the heartbeat: ${(err as Error).message}`, err);
      }
    }
    const since = membership.sinceAccepted();
    if (since > renewAfter)
      stop(next, `the group coordinator has not accepted this member for ${Math.round(since)} ms`);
  };
}
