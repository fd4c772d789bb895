// A tiny work pool: at most `limit` tasks in flight, started in the order given (so the keys
// the operator can see are described first), stopping early when the signal aborts.

export async function forEachPooled<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  let failure: {error: unknown} | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure && !signal?.aborted) {
      const index = next++;
      try {
        await task(items[index] as T, index);
      } catch (error) {
        failure ??= {error};
      }
    }
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  signal?.throwIfAborted();
  if (failure) throw failure.error;
}
