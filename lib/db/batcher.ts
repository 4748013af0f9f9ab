/**
 * Calls that arrive together run as one statement: callers hand in one item each and wait for their own
 * result. For writes this is group commit — under load a statement per item costs a round trip, a parse
 * and a commit each, and a batch pays them once; for reads, one query answers many lookups. An idle
 * caller waits only for the current event-loop turn.
 *
 * `run` answers every item in order. If it throws, each item of that batch gets the error and its caller
 * decides what to do (ingest takes its one-by-one path), so one bad item never loses the others.
 */
export type Batcher<I, O> = { add: (item: I) => Promise<O> };

export function batcher<I, O>(
  run: (items: I[]) => Promise<O[]>,
  options: { maxBatch: number; maxInFlight: number; sameBatch?: (a: I, b: I) => boolean },
): Batcher<I, O> {
  type Waiting = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    while (queue.length && inFlight < options.maxInFlight) {
      const batch: Waiting[] = [];
      const later: Waiting[] = [];
      for (const waiting of queue) {
        const clash = options.sameBatch && batch.some((b) => options.sameBatch!(b.item, waiting.item));
        (batch.length < options.maxBatch && !clash ? batch : later).push(waiting);
      }
      queue = later;
      inFlight++;
      run(batch.map((w) => w.item)).then(
        (results) => batch.forEach((w, i) => w.resolve(results[i])),
        (error) => batch.forEach((w) => w.reject(error)),
      ).finally(() => {
        inFlight--;
        flush();
      });
    }
  };

  return {
    add: (item) =>
      new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!scheduled && inFlight < options.maxInFlight) {
          scheduled = true;
          // Items arriving in the same turn (parallel webhooks whose bodies were read together) join.
          setImmediate(flush);
        }
      }),
  };
}

/**
 * One of something per database handle, made on first use: a batcher must never mix handles (tests and
 * scripts install their own; a transaction is a handle of its own).
 */
export function perDatabase<D extends object, T>(make: (db: D) => T): (db: D) => T {
  const made = new WeakMap<D, T>();
  return (db) => {
    let found = made.get(db);
    if (!found) made.set(db, (found = make(db)));
    return found;
  };
}
