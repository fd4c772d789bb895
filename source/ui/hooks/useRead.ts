// One lazily started read for a screen section (rotation status, tags...): the section mounts,
// the read starts; its failure is kept as a value so the section can say it in place — a refusal
// as "not permitted: kms:Action" — and the rest of the screen carries on.
import {useEffect, useState} from 'react';
import {errorMessage} from './usePolicy.js';

export type ReadState<T> =
  {status: 'loading'} | {status: 'ready'; value: T} | {status: 'error'; message: string; denied: boolean};

export function useRead<T>(
  read: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): ReadState<T> {
  const [state, setState] = useState<ReadState<T>>({status: 'loading'});
  useEffect(() => {
    const controller = new AbortController();
    setState({status: 'loading'});
    read(controller.signal).then(
      value => !controller.signal.aborted && setState({status: 'ready', value}),
      error =>
        !controller.signal.aborted &&
        setState({
          status: 'error',
          message: errorMessage(error),
          denied: (error as {kind?: string}).kind === 'access-denied',
        }),
    );
    return () => controller.abort();
    // The caller names what the read depends on (like useEffect's own list).
  }, deps);
  return state;
}
