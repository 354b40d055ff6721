/**
 * Several orgs in one deployment: run each org's producer in turn. One org's failure (its FTP server
 * down, a wrong password) is logged and kept as its outcome; the next org runs all the same.
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
): Promise<OrgOutcome<T>[]> {
  const outcomes: OrgOutcome<T>[] = [];
  for (const org of orgs) {
    try {
      outcomes.push({ org, result: await runOne(org) });
    } catch (error) {
      logger.error('org failed; going on with the next org', { org, error: errorMessage(error) });
      outcomes.push({ org, error });
    }
  }
  return outcomes;
}
