/**
 * Requests made in the same turn of the event loop, sent to PostgreSQL together. When a burst of
 * deadlines falls due, every case's wake ends with the same small statements (its COMMIT
 * PREPARED, its next wake-ups' INSERT): sent one by one, each costs a pool checkout, a socket
 * write that wakes a server process, and a reply to parse — the larger part of the firing node's
 * CPU at the instant (bench: the timer burst's profile). Gathered until the turn ends, they leave
 * in one flight. A request alone waits one turn (setImmediate), nothing more.
 */

/** Each item's own outcome: a batch may succeed for some items and fail for others. */
export type Settled<R> = PromiseSettledResult<R>;

/**
 * A function that queues `item` and sends the queue in batches of at most `maxBatch` with
 * `send` once the current turn of the event loop is over; it answers with the item's outcome.
 */
export function batchedByTurn<I, R>(send: (items: readonly I[]) => Promise<ReadonlyArray<Settled<R>>>, maxBatch = Infinity): (item: I) => Promise<R> {
  let queue: Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  const flush = () => {
    const all = queue;
    queue = [];
    for (let i = 0; i < all.length; i += maxBatch) {
      const batch = all.slice(i, i + maxBatch);
      send(batch.map((b) => b.item)).then(
        (outcomes) => batch.forEach((b, j) => {
          const outcome = outcomes[j];
          if (!outcome) b.reject(new Error('no outcome for a batched request'));
          else if (outcome.status === 'fulfilled') b.resolve(outcome.value);
          else b.reject(outcome.reason);
        }),
        (error: unknown) => batch.forEach((b) => b.reject(error)),
      );
    }
  };
  return (item) => new Promise<R>((resolve, reject) => {
    if (!queue.length) setImmediate(flush);
    queue.push({ item, resolve, reject });
  });
}

/** The same outcome for every item of a batch (one statement serves them all). */
export async function forEveryItem<R>(items: readonly unknown[], work: Promise<R>): Promise<Array<Settled<R>>> {
  try {
    const value = await work;
    return items.map(() => ({ status: 'fulfilled', value }));
  } catch (reason) {
    return items.map(() => ({ status: 'rejected', reason }));
  }
}
