// State that key handlers read and write. Keys that reach keypol in one read (Down Down Down, a
// held Backspace, typing over SSH) are handed to the handlers one after another before React
// renders again, so a handler that reads its rendered state (`cursor + 1`) sees the same old
// value for each key and counts them as one. Here every update lands in a ref at once and
// handlers read `latest()`, so each key starts from what the previous one left.
import {useCallback, useRef, useState} from 'react';

export type KeyStateUpdate<T> = T | ((previous: T) => T);

/** [the rendered value, update (returns the new value), latest()] */
export function useKeyState<T>(initial: T): [T, (next: KeyStateUpdate<T>) => T, () => T] {
  const [rendered, setRendered] = useState(initial);
  const ref = useRef(initial);
  const update = useCallback((next: KeyStateUpdate<T>) => {
    ref.current = typeof next === 'function' ? (next as (previous: T) => T)(ref.current) : next;
    setRendered(ref.current);
    return ref.current;
  }, []);
  const latest = useCallback(() => ref.current, []);
  return [rendered, update, latest];
}
