// The account's IAM roles and users for a screen that needs them (the access wizard's picker, the
// Access and Findings tabs when the policy names unique ids): asked of the gateway's directory
// when the screen opens (the directory keeps the answer for the run, so a second visit costs
// nothing), refreshed on demand (r). The key list never calls this.
import {useCallback, useEffect, useRef, useState} from 'react';
import type {IamPrincipal, PrincipalDirectory} from '../../aws/types.js';
import {useGateway} from '../context.js';

export type PrincipalsState =
  | {status: 'loading'}
  /** `loadedAt`: when the listing arrived (ISO 8601), for "loaded at …". */
  | {status: 'ready'; principals: IamPrincipal[]; loadedAt?: string}
  /** `denied`: IAM refused the listing (iam:ListRoles/ListUsers); the message says which. */
  | {status: 'failed'; message: string; denied: boolean};

function ready(directory: PrincipalDirectory, list: IamPrincipal[]): PrincipalsState {
  const loadedAt = directory.loadedAt();
  return {status: 'ready', principals: list, ...(loadedAt ? {loadedAt} : {})};
}

export function usePrincipals(active = true): {state: PrincipalsState; refresh: () => void} {
  const {principals} = useGateway();
  const [state, setState] = useState<PrincipalsState>(() => {
    const cached = principals.cached();
    return cached ? ready(principals, cached) : {status: 'loading'};
  });
  const [round, setRound] = useState(0);
  // The refresh asked for last: becoming active again must not ask IAM again.
  const handled = useRef(0);

  useEffect(() => {
    if (!active) return;
    let live = true;
    const refresh = round > handled.current;
    handled.current = round;
    if (refresh) setState({status: 'loading'});
    // Without refresh the directory answers with the listing it has (or the one in flight): no
    // second request, and another screen's refresh shows here too.
    principals.list({refresh}).then(
      list =>
        live && setState(s => (s.status === 'ready' && s.principals === list ? s : ready(principals, list))),
      (error: Error & {kind?: string}) =>
        live && setState({status: 'failed', message: error.message, denied: error.kind === 'access-denied'}),
    );
    return () => {
      live = false;
    };
  }, [principals, round, active]);

  const refresh = useCallback(() => setRound(n => n + 1), []);
  return {state, refresh};
}
