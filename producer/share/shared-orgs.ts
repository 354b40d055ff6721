/**
 * `produce --watch` with EDREFLECT_PRODUCER_GROUP: the settings checked at start-up, the slot topic made
 * ready, the group joined; and the per-org health checks of an org held elsewhere turned into passes (its
 * owner answers for it).
 */
import type { Kafka } from 'kafkajs';
import { ConfigError } from '../../core/errors';
import type { HealthCheck } from '../../core/health/check';
import type { Logger } from '../../core/logger';
import { SETTINGS } from '../../core/settings';
import type { OrgId, TopicName } from '../../core/types';
import { ensureSlots } from './org-slots';
import { joinOrgShare, type OrgShare } from './org-group';

/** Problems of the group settings, found before anything connects. */
export function shareProblems({
  group,
  watch,
  consumerGroup,
}: {
  group: string;
  watch: boolean;
  consumerGroup: string | undefined;
}): string[] {
  const problems: string[] = [];
  if (!watch)
    problems.push(
      `${SETTINGS.producerGroup.env} shares the orgs among running instances: it goes with produce --watch (unset it for --once)`,
    );
  if (group === consumerGroup)
    problems.push(
      `${SETTINGS.producerGroup.env} and ${SETTINGS.consumerGroup.env} are both ${group}: the producers' org group must be a group of its own`,
    );
  return problems;
}

export function checkShare(opts: Parameters<typeof shareProblems>[0]): void {
  const problems = shareProblems(opts);
  if (problems.length > 0) throw new ConfigError(`configuration: ${problems.join('; ')}`);
}

export async function startOrgShare(opts: {
  kafka: Kafka;
  groupId: string;
  topic: TopicName;
  orgs: readonly OrgId[];
  sessionTimeoutMs: number;
  logger: Logger;
}): Promise<OrgShare> {
  const admin = opts.kafka.admin();
  await admin.connect();
  try {
    const slots = await ensureSlots(admin, opts.topic, opts.orgs.length);
    opts.logger.info('sharing the orgs through a Kafka group', {
      groupId: opts.groupId,
      topic: opts.topic,
      orgs: opts.orgs.length,
      slots,
    });
  } finally {
    await admin.disconnect();
  }
  return joinOrgShare(opts);
}

/** An org's own health check, passing while another instance holds the org. */
export function heldElsewhere(check: HealthCheck, org: OrgId, share: OrgShare): HealthCheck {
  return {
    name: check.name,
    run: async () =>
      share.owns(org) ? check.run() : { ok: true, detail: `org ${org}: held by another instance` },
  };
}
