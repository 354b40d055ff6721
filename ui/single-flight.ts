/**
 * Shares one run of an async task among the callers that arrive while it runs: several browsers reloading
 * the page at once cost one snapshot (each reads two topics to their end), not one each.
 */
export function singleFlight<T>(task: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    if (running === undefined) {
      running = task().finally(() => {
        running = undefined;
      });
    }
    return running;
  };
}
