// The account's IAM roles and users for a screen that needs them (the access wizard's picker):
// asked of the gateway's directory when the screen opens (the directory keeps the answer for the
// run, so a second visit costs nothing), refreshed on demand. The key list never calls this.
import {useCallback, useEffect, useState} from 'react';
import type {IamPrincipal} from '../../aws/types.js';
import {useGateway} from '../context.js';

export type PrincipalsState =
  | {status: 'loading'}
  | {status: 'ready'; principals: IamPrincipal[]}
  /** `denied`: IAM refused the listing (iam:ListRoles/ListUsers); the message says which. */
  | {status: 'failed'; message: string; denied: boolean};

export function usePrincipals(active = true): {state: PrincipalsState; refresh: () => void} {
  const {principals} = useGateway();
  const [state, setState] = useState<PrincipalsState>(() => {
    const cached = principals.cached();
    return cached ? {status: 'ready', principals: cached} : {status: 'loading'};
  });
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!active) return;
    let live = true;
    const refresh = round > 0;
    if (!refresh && principals.cached()) return;
    if (refresh) setState({status: 'loading'});
    principals.list({refresh}).then(
      list => live && setState({status: 'ready', principals: list}),
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
