/**
 * The ids of a list file (a change or deletion list), each with its row. An id listed on several rows takes
 * the LAST row in file order, for its value (a modified date, say) and for its position among the ids (the
 * order of the close events of User_Affiliations, which decides which employee's date a shared pair gets).
 * Why the last: a vendor that appends a correction writes it below the original, and one rule for both
 * value and position keeps the producer, the reference model and the simulator in agreement (a Map keeps
 * the first position on `set`, so the id is removed first). The repeat itself is reported with both lines
 * (duplicate-keys.ts).
 */
export function keepLastRow<R>(ids: Map<string, R>, id: string, row: R): void {
  ids.delete(id);
  ids.set(id, row);
}
