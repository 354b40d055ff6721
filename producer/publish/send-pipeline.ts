/**
 * At most one send in flight, the next batch built meanwhile. `push` waits for the previous send before
 * starting the next, so sends reach the broker strictly one after another (the order of the events of a
 * partition is the order of the pushes) and memory holds at most two batches: the one travelling and the
 * one being filled. A failed send surfaces at the next `push` or at `drain`.
 */
export interface SendPipeline<T> {
  /** Starts sending `batch` once the previous send has succeeded; resolves as soon as it has started. */
  push(batch: T): Promise<void>;
  /** Waits for the send in flight; throws its error. */
  drain(): Promise<void>;
  /** Waits for the send in flight to end, whatever its outcome (before aborting). */
  settle(): Promise<void>;
}

export function createSendPipeline<T>(send: (batch: T) => Promise<void>): SendPipeline<T> {
  let inFlight: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    const previous = inFlight;
    inFlight = undefined;
    if (previous !== undefined) await previous;
  };
  return {
    async push(batch) {
      await drain();
      const sending = send(batch);
      sending.catch(() => undefined); // observed by the next push, drain or settle
      inFlight = sending;
    },
    drain,
    async settle() {
      await drain().catch(() => undefined);
    },
  };
}
