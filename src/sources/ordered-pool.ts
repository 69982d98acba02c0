// Runs an async task over items with at most `limit` in flight, yielding results
// in input order so that runs over the same data are reproducible.

export async function* orderedPool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const inFlight: Promise<R>[] = [];
  let next = 0;
  while (next < items.length && inFlight.length < limit) inFlight.push(task(items[next++]!));
  while (inFlight.length > 0) {
    const result = await inFlight.shift()!;
    if (next < items.length) inFlight.push(task(items[next++]!));
    yield result;
  }
}
