// ListRoles, ListUsers, GetRole, GetUser as IAM answers them: MaxItems 1–1000 (default 100), an
// opaque Marker with IsTruncated while more remains, PathPrefix, NoSuchEntity for a missing name.
// ListRoles leaves out RoleLastUsed (only GetRole returns it), as IAM does.
import {KmsError} from '../errors.js';
import type {SandboxState} from '../state.js';
import type {IamEntity} from './directory.js';
import type {XmlValue} from './xml.js';

export interface IamCall {
  state: SandboxState;
  caller: string;
  params: URLSearchParams;
}

type IamOperation = (call: IamCall) => {[name: string]: XmlValue};

const NAME = /^[\w+=,.@-]{1,64}$/;
const iso = (epoch: number): string => new Date(epoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function validation(member: string, value: string, constraint: string): KmsError {
  return new KmsError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

function nameParam(params: URLSearchParams, param: string, member: string): string | undefined {
  const value = params.get(param);
  if (value === null) return undefined;
  if (!NAME.test(value)) {
    throw validation(
      member,
      value,
      value.length > 64
        ? 'Member must have length less than or equal to 64'
        : 'Member must satisfy regular expression pattern: [\\w+=,.@-]+',
    );
  }
  return value;
}

const encodeMarker = (offset: number): string => Buffer.from(`keypol-iam:${offset}`).toString('base64');

function decodeMarker(marker: string): number {
  const match = /^keypol-iam:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  if (!match) throw new KmsError('ValidationError', 'Invalid Marker.');
  return Number(match[1]);
}

function page(params: URLSearchParams, items: readonly IamEntity[]) {
  const raw = params.get('MaxItems');
  const max = raw === null ? 100 : Number(raw);
  if (!Number.isInteger(max) || max < 1) {
    throw validation('maxItems', raw ?? '', 'Member must have value greater than or equal to 1');
  }
  if (max > 1000)
    throw validation('maxItems', String(max), 'Member must have value less than or equal to 1000');
  const prefix = params.get('PathPrefix') ?? '/';
  const matching = prefix === '/' ? items : items.filter(e => e.path.startsWith(prefix));
  const marker = params.get('Marker');
  const start = marker === null ? 0 : decodeMarker(marker);
  const end = start + max;
  const slice = matching.slice(start, end);
  return end < matching.length
    ? {slice, more: {IsTruncated: true, Marker: encodeMarker(end)}}
    : {slice, more: {IsTruncated: false}};
}

function trustPolicy(e: IamEntity, account: string): string {
  const principal = e.path.startsWith('/aws-service-role/')
    ? {Service: e.path.split('/')[2]}
    : e.path.startsWith('/aws-reserved/sso.amazonaws.com/')
      ? {Federated: `arn:aws:iam::${account}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE`}
      : {AWS: `arn:aws:iam::${account}:root`};
  const action = 'Federated' in principal ? ['sts:AssumeRoleWithSAML', 'sts:TagSession'] : 'sts:AssumeRole';
  return encodeURIComponent(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{Effect: 'Allow', Principal: principal, Action: action}],
    }),
  );
}

function role(e: IamEntity, account: string, withLastUsed: boolean): {[name: string]: XmlValue} {
  return {
    Path: e.path,
    RoleName: e.name,
    RoleId: e.id,
    Arn: e.arn,
    CreateDate: iso(e.created),
    AssumeRolePolicyDocument: trustPolicy(e, account),
    Description: e.description,
    MaxSessionDuration: 3600,
    ...(withLastUsed
      ? {
          RoleLastUsed: e.lastUsed ? {LastUsedDate: iso(e.lastUsed.date), Region: e.lastUsed.region} : {},
        }
      : {}),
  };
}

function user(e: IamEntity): {[name: string]: XmlValue} {
  return {Path: e.path, UserName: e.name, UserId: e.id, Arn: e.arn, CreateDate: iso(e.created)};
}

/** The caller's own ARN, for IAM's AccessDenied wording. */
const notAuthorised = (call: IamCall, action: string, resource: string): KmsError =>
  new KmsError(
    'AccessDenied',
    `User: ${call.caller} is not authorized to perform: iam:${action} on resource: ${resource} ` +
      `because no identity-based policy allows the iam:${action} action`,
  );

const noSuch = (type: 'role' | 'user', name: string): KmsError =>
  new KmsError('NoSuchEntity', `The ${type} with name ${name} cannot be found.`);

export const IAM_OPERATIONS: Readonly<Record<string, IamOperation>> = {
  ListRoles: call => {
    const {slice, more} = page(call.params, call.state.principals.directory.roles);
    return {Roles: slice.map(e => role(e, call.state.accountId, false)), ...more};
  },
  ListUsers: call => {
    const {slice, more} = page(call.params, call.state.principals.directory.users);
    return {Users: slice.map(user), ...more};
  },
  GetRole: call => {
    const name = nameParam(call.params, 'RoleName', 'roleName');
    if (name === undefined) throw validation('roleName', 'null', 'Member must not be null');
    const found = call.state.principals.named('role', name);
    if (!found) throw noSuch('role', name);
    return {Role: role(found, call.state.accountId, true)};
  },
  GetUser: call => {
    const name = nameParam(call.params, 'UserName', 'userName');
    if (name === undefined) {
      // Without a name GetUser describes the caller, which must then be an IAM user.
      const self = call.state.principals.arn(call.caller);
      if (!self || self.type !== 'user') {
        throw new KmsError('ValidationError', 'Must specify userName when calling with non-User credentials');
      }
      return {User: user(self)};
    }
    const found = call.state.principals.named('user', name);
    if (!found) throw noSuch('user', name);
    return {User: user(found)};
  },
};

/** Runs one IAM action for `call.caller`; callers in `denied` may not read IAM at all. */
export function runIam(
  action: string,
  call: IamCall,
  denied: ReadonlySet<string>,
): {[name: string]: XmlValue} {
  const operation = IAM_OPERATIONS[action];
  if (!operation) {
    throw new KmsError('InvalidAction', `Could not find operation ${action} for version 2010-05-08`);
  }
  if (denied.has(call.caller)) {
    const type = action.endsWith('Roles') || action === 'GetRole' ? 'role' : 'user';
    const name = call.params.get(type === 'role' ? 'RoleName' : 'UserName') ?? '';
    throw notAuthorised(call, action, `arn:aws:iam::${call.state.accountId}:${type}/${name}`);
  }
  return operation(call);
}
