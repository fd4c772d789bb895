// The key list's data: ListKeys + ListAliases at once, then metadata and policy badges filling
// in through a KeyLoader. Updates are coalesced to a few renders per second so that 10,000 keys
// arriving one by one never flood Ink; rows are rebuilt only for keys whose data changed.
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {KeyDetails, KeySummary, KmsGateway} from '../../aws/types.js';
import {KeyLoader, type LoaderProgress} from '../keyLoader.js';
import {buildRow, type KeyRow} from '../keyRows.js';

// At most four background renders a second: calm over SSH, and keystrokes are not queued behind them.
const FLUSH_MS = 250;

export type KeysStatus = {kind: 'loading'} | {kind: 'ready'} | {kind: 'error'; message: string};

export interface KeysState {
  status: KeysStatus;
  /** In ListKeys order. */
  rows: readonly KeyRow[];
  progress: LoaderProgress;
  prioritise: (keyIds: readonly string[]) => void;
  /** Call on each keystroke: background loading pauses briefly so the frame comes first. */
  yieldToInput: () => void;
  reload: () => void;
  refreshKey: (keyId: string, details?: KeyDetails) => void;
}

export function useKeys(gateway: KmsGateway): KeysState {
  const [status, setStatus] = useState<KeysStatus>({kind: 'loading'});
  const [summaries, setSummaries] = useState<readonly KeySummary[]>([]);
  const [version, setVersion] = useState(0);
  const [generation, setGeneration] = useState(0);
  const loader = useRef<KeyLoader | undefined>(undefined);
  const cache = useRef(new Map<string, KeyRow>());

  useEffect(() => {
    let cancelled = false;
    let timer: NodeJS.Timeout | undefined;
    const scheduleFlush = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        if (!cancelled) setVersion(v => v + 1);
      }, FLUSH_MS);
    };
    setStatus({kind: 'loading'});
    gateway.listKeys().then(
      list => {
        if (cancelled) return;
        cache.current = new Map();
        setSummaries(list);
        setStatus({kind: 'ready'});
        const next = new KeyLoader(
          gateway,
          list.map(k => k.keyId),
          scheduleFlush,
        );
        loader.current = next;
        next.start();
      },
      (error: unknown) => {
        if (!cancelled)
          setStatus({kind: 'error', message: error instanceof Error ? error.message : String(error)});
      },
    );
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      loader.current?.stop();
      loader.current = undefined;
    };
  }, [gateway, generation]);

  const rows = useMemo(() => {
    const current = loader.current;
    const previous = cache.current;
    const next = new Map<string, KeyRow>();
    const list = summaries.map(summary => {
      const details = current?.details.get(summary.keyId);
      const badge = current?.badges.get(summary.keyId);
      const failure = current?.failures.get(summary.keyId);
      const old = previous.get(summary.keyId);
      const row =
        old &&
        old.summary === summary &&
        old.details === details &&
        old.badge === badge &&
        old.failure === failure
          ? old
          : buildRow(summary, details, badge, failure);
      next.set(summary.keyId, row);
      return row;
    });
    cache.current = next;
    return list;
  }, [summaries, version]); // `version` is the signal that the loader's maps changed

  const prioritise = useCallback((keyIds: readonly string[]) => loader.current?.prioritise(keyIds), []);
  const yieldToInput = useCallback(() => loader.current?.yieldToInput(), []);
  const reload = useCallback(() => setGeneration(g => g + 1), []);
  const refreshKey = useCallback(
    (keyId: string, details?: KeyDetails) => loader.current?.refresh(keyId, details),
    [],
  );
  const progress = loader.current?.progress ?? {total: summaries.length, described: 0, classified: 0};

  return {status, rows, progress, prioritise, yieldToInput, reload, refreshKey};
}
