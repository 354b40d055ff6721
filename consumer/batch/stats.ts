/** The writer's counters, updated as chunks are applied: read by the progress display and the CLI's summary. */
export interface BatchStats {
  events: number;
  writes: number;
  deadLetters: number;
}
