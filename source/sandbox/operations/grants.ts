// ListGrants (read-only: the sandbox's grants come from the seed).
import {keyArn} from '../state.js';
import {optionalString, type Operation} from './context.js';
import {targetKey} from './guards.js';
import {paginate} from './pagination.js';

export const ListGrants: Operation = (ctx, params) => {
  const key = targetKey(ctx, params);
  const grantId = optionalString(params, 'GrantId');
  const grantee = optionalString(params, 'GranteePrincipal');
  const grants = key.grants.filter(
    g =>
      (grantId === undefined || g.GrantId === grantId) &&
      (grantee === undefined || g.GranteePrincipal === grantee),
  );
  const {page, more} = paginate(grants, params, {default: 50, max: 100});
  return {Grants: page.map(g => ({KeyId: keyArn(ctx.regionName, ctx.accountId, key.keyId), ...g})), ...more};
};
