/** Runs the reference model over tiny hand-written drops, for its own tests. */
import { ReferenceModel, type Collections, type Doc } from '../reference-model';

export const run = (...days: [org: string, day: string, files: Record<string, string>][]): Collections => {
  const model = new ReferenceModel();
  for (const [org, day, files] of days) model.applyDrop({ org, day, files: new Map(Object.entries(files)) });
  return model.documents();
};
export const pick = (docs: Doc[] | undefined, ...fields: string[]): string[] =>
  (docs ?? []).map((d) => fields.map((f) => String(d[f])).join('|')).sort();
