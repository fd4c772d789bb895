// The key list's data: ListKeys + ListAliases at once (rows show as soon as ListKeys is done;
// aliases fill in as ListAliases pages arrive), then metadata and policy badges filling in
// through a KeyLoader. Updates are coalesced to a few renders per second so that 10,000 keys
// arriving one by one never flood Ink; rows are rebuilt only for keys whose data changed.
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {KeyDetails, KeySummary, KmsGateway, ListKeysProgress} from '../../aws/types.js';
import {KeyLoader, type LoaderProgress} from '../keyLoader.js';
import {buildRow, type KeyRow} from '../keyRows.js';

// At most four background renders a second: calm over SSH, and keystrokes are not queued behind them.
const FLUSH_MS = 250;
/** Ink draws at most 30 frames a second: one frame. */
const FIRST_FRAME_MS = 40;

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
  const [aliasesLoading, setAliasesLoading] = useState<number | undefined>();
  const [version, setVersion] = useState(0);
  const [generation, setGeneration] = useState(0);
  const loader = useRef<KeyLoader | undefined>(undefined);
  const cache = useRef(new Map<string, KeyRow>());

  useEffect(() => {
    let cancelled = false;
    let timer: NodeJS.Timeout | undefined;
    let started = false;
    let starting: NodeJS.Timeout | undefined;
    // The latest partial list (aliases still arriving), rendered with the next flush.
    let partial: ListKeysProgress | undefined;
    const flush = () => {
      if (partial) {
        setSummaries(partial.keys);
        setAliasesLoading(partial.aliasesLoaded);
        partial = undefined;
      }
      setVersion(v => v + 1);
    };
    const scheduleFlush = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        if (!cancelled) flush();
      }, FLUSH_MS);
    };
    // The first rows render at once; metadata and badges start loading for them.
    const begin = (list: readonly KeySummary[]) => {
      started = true;
      cache.current = new Map();
      setSummaries(list);
      setStatus({kind: 'ready'});
      const next = new KeyLoader(
        gateway,
        list.map(k => k.keyId),
        scheduleFlush,
      );
      loader.current = next;
      // After the first frame: 24 requests being signed would otherwise delay drawing the rows.
      starting = setTimeout(() => next.start(), FIRST_FRAME_MS);
    };
    const listing = new AbortController();
    setStatus({kind: 'loading'});
    gateway
      .listKeys({
        signal: listing.signal,
        onPartial: progress => {
          if (cancelled) return;
          if (started) {
            partial = progress;
            scheduleFlush();
          } else {
            begin(progress.keys);
          }
          setAliasesLoading(progress.aliasesLoaded);
        },
      })
      .then(
        list => {
          if (cancelled) return;
          partial = undefined;
          setAliasesLoading(undefined);
          if (started) setSummaries(list);
          else begin(list);
        },
        (error: unknown) => {
          if (!cancelled)
            setStatus({kind: 'error', message: error instanceof Error ? error.message : String(error)});
        },
      );
    return () => {
      cancelled = true;
      listing.abort();
      if (timer) clearTimeout(timer);
      if (starting) clearTimeout(starting);
      loader.current?.stop();
      loader.current = undefined;
    };
  }, [gateway, generation]);

  const rows = useMemo(() => {
    const current = loader.current;
    const previous = cache.current;
    const next = new Map<string, KeyRow>();
    const list = summaries.map(summary => {
      const details = current?.detailsFor(summary);
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
  const progress = {
    ...(loader.current?.progress ?? {total: summaries.length, described: 0, classified: 0}),
    ...(aliasesLoading === undefined ? {} : {aliasesLoading}),
  };

  return {status, rows, progress, prioritise, yieldToInput, reload, refreshKey};
}
