/** The reference model's documents: a row's typed columns plus `_org`, `_day` and `_file`. */
export type Cell = string | number | boolean | null;
export type Doc = Record<string, Cell>;
/** Documents per collection name. */
export type Collections = Record<string, Doc[]>;

/** One day's files of one org: file name as in the catalog (`Ratings.csv`, `export/all/goal_ids.csv`) → CSV text. */
export interface Drop {
  readonly org: string;
  readonly day: string;
  readonly files: ReadonlyMap<string, string>;
}
