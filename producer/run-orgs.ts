/**
 * Several orgs in one deployment: run each org's producer in turn. One org's failure (its FTP server
 * down, a wrong password) is logged and kept as its outcome; the next org runs all the same. With orgs
 * shared among instances, an org this instance no longer holds is skipped, and its run cut short by the new
 * owner is no failure.
 */
import { errorMessage } from '../core/errors';
import type { Logger } from '../core/logger';
import type { OrgId } from '../core/types';

export type OrgOutcome<T> =
  { readonly org: OrgId; readonly result: T } | { readonly org: OrgId; readonly error: unknown };

export async function runOrgs<T>(
  orgs: readonly OrgId[],
  runOne: (org: OrgId) => Promise<T>,
  logger: Logger,
  /** With orgs shared among instances (share/org-group.ts): whether this instance still holds the org. */
  owns?: (org: OrgId) => boolean,
): Promise<OrgOutcome<T>[]> {
  const outcomes: OrgOutcome<T>[] = [];
  for (const org of orgs) {
    if (owns !== undefined && !owns(org)) {
      logger.info('org moved to another instance before its turn: not run here', { org });
      continue;
    }
    try {
      outcomes.push({ org, result: await runOne(org) });
    } catch (error) {
      if (owns !== undefined && !owns(org)) {
        // Its new owner fenced this run (the org's transactional id): the drop is the owner's to publish.
        logger.info('org moved to another instance during its run: stopped here', {
          org,
          error: errorMessage(error),
        });
        continue;
      }
      // With one org its failure is the caller's to report, as the run's own failure.
      if (orgs.length > 1)
        logger.error('org failed; going on with the next org', { org, error: errorMessage(error) });
      outcomes.push({ org, error });
    }
  }
  return outcomes;
}
