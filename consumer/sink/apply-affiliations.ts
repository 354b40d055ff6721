/**
 * Applies a run of affiliation rows and close events: one find of the stored pairs they can touch, the fold
 * of affiliation-plan.ts, then one insertMany of the new pairs and one updateMany per close value that
 * stored pairs take. Applied again after a crash (the chunk's offsets are committed only after), the run
 * folds over what the first attempt left and ends in the same documents.
 */
import type { Collection, Document } from 'mongodb';
import { ServerError } from '../../core/errors';
import type { BeforeWrite } from '../batch/ownership';
import { lookupFilter, lookupOf, planAffiliations } from './affiliation-plan';
import { insertDocuments, ownIds } from './insert-documents';
import type { Rejected } from './rejection';
import type { Segment } from './segments';

type AffiliationRun = Extract<Segment, { kind: 'affiliations' }>;

export async function applyAffiliations(
  collection: Collection<Document>,
  run: AffiliationRun,
  onRejected: (rejected: Rejected) => Promise<void>,
  beforeWrite: BeforeWrite,
): Promise<void> {
  const { shape, steps } = run;
  const name = collection.collectionName;
  const projection = { _id: 1, _org: 1, [shape.first]: 1, [shape.second]: 1, [shape.close]: 1 };
  await beforeWrite(`read the stored pairs of ${name} that ${steps.length} affiliation steps can touch`);
  const stored = await collection.find(lookupFilter(shape, lookupOf(shape, steps)), { projection }).toArray();
  const plan = planAffiliations(shape, steps, stored);
  await beforeWrite(`insert ${plan.inserts.length} new pairs into ${name}`);
  const duplicates = await insertDocuments(collection, plan.inserts, onRejected);
  if (duplicates.length > 0) {
    throw new ServerError(
      'MONGODB',
      `${duplicates.length} affiliation pairs were stored while the run was applied; the chunk is applied again`,
      { retriable: true },
    );
  }
  for (const { value, ids } of plan.updates) {
    await beforeWrite(`set ${shape.close} of ${ids.length} pairs of ${name}`);
    await ownIds(collection).updateMany({ _id: { $in: ids } }, { $set: { [shape.close]: value } });
  }
}
