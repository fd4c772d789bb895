// The key's grants, read lazily: nothing is asked until a tab that needs them (Grants, Findings,
// Access) calls `want()`. Pages arrive one by one, so the first rows show while later ones load;
// a reload after a revoke reads them again. AccessDenied is kept apart so a tab can say
// "not permitted: kms:ListGrants" in place.
import {useCallback, useEffect, useRef, useState} from 'react';
import type {KeyDetails, KeyGrant} from '../../aws/types.js';
import {useGateway} from '../context.js';
import {errorMessage} from './usePolicy.js';

export type GrantsState =
  | {status: 'idle'}
  | {status: 'loading'; grants: readonly KeyGrant[]}
  | {status: 'ready'; grants: readonly KeyGrant[]}
  | {status: 'error'; message: string; denied: boolean};

export interface GrantsModel {
  state: GrantsState;
  /** Start reading (once); later calls do nothing until `reload`. */
  want(): void;
  reload(): void;
}

export function useGrants(key: KeyDetails): GrantsModel {
  const gateway = useGateway();
  const [state, setState] = useState<GrantsState>({status: 'idle'});
  const [round, setRound] = useState(0);
  const wanted = useRef(false);

  useEffect(() => {
    if (round === 0) return;
    const controller = new AbortController();
    setState({status: 'loading', grants: []});
    gateway
      .listGrants(key.arn, {
        signal: controller.signal,
        // Each page is a new array: React sees the change, rows already built are kept by identity.
        onPage: (soFar, done) => {
          if (!done) setState({status: 'loading', grants: [...soFar]});
        },
      })
      .then(
        grants => setState({status: 'ready', grants}),
        error => {
          if (controller.signal.aborted) return;
          const kind = (error as {kind?: string}).kind;
          setState({status: 'error', message: errorMessage(error), denied: kind === 'access-denied'});
        },
      );
    return () => controller.abort();
  }, [gateway, key.arn, round]);

  const want = useCallback(() => {
    if (wanted.current) return;
    wanted.current = true;
    setRound(r => r + 1);
  }, []);
  const reload = useCallback(() => {
    wanted.current = true;
    setRound(r => r + 1);
  }, []);
  return {state, want, reload};
}
