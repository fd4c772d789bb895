// The sandbox account's IAM roles and users: what ListRoles/ListUsers/GetRole/GetUser answer and
// what PutKeyPolicy/CreateKey check principals against. Plain records, so `--state FILE` keeps them.
import {createHash} from 'node:crypto';

export interface IamEntity {
  type: 'role' | 'user';
  name: string;
  /** `/` or `/a/b/`, as IAM writes it. */
  path: string;
  /** RoleId (AROA…) or UserId (AIDA…). */
  id: string;
  arn: string;
  created: number; // epoch seconds
  description?: string;
  /** Roles only: RoleLastUsed, which GetRole returns and ListRoles does not. */
  lastUsed?: {date: number; region: string};
}

export interface IamDirectory {
  roles: IamEntity[];
  users: IamEntity[];
}

export const iamArn = (account: string, type: 'role' | 'user', path: string, name: string): string =>
  `arn:aws:iam::${account}:${type}${path}${name}`;

/**
 * A stable fake unique id: AROA/AIDA + 17 characters, derived from the ARN the way the sandbox's
 * STS derives a caller's UserId, so GetCallerIdentity and GetRole agree.
 */
export function uniqueId(arn: string, type: 'role' | 'user'): string {
  const digest = createHash('sha256')
    .update(arn)
    .digest('hex')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return `${type === 'role' ? 'AROA' : 'AIDA'}${digest.slice(0, 17)}`;
}

export function entity(
  account: string,
  spec: {type: 'role' | 'user'; name: string; path?: string; created: number; description?: string},
): IamEntity {
  const path = spec.path ?? '/';
  const arn = iamArn(account, spec.type, path, spec.name);
  return {
    type: spec.type,
    name: spec.name,
    path,
    id: uniqueId(arn, spec.type),
    arn,
    created: spec.created,
    ...(spec.description ? {description: spec.description} : {}),
  };
}

/** Lookups by name (IAM names are unique per type, case-insensitively), ARN and unique id. */
export class IamIndex {
  private readonly byName = new Map<string, IamEntity>();
  private readonly byArn = new Map<string, IamEntity>();
  private readonly byId = new Map<string, IamEntity>();

  constructor(readonly directory: IamDirectory) {
    for (const e of [...directory.roles, ...directory.users]) this.index(e);
  }

  private index(e: IamEntity): void {
    this.byName.set(`${e.type}:${e.name.toLowerCase()}`, e);
    this.byArn.set(e.arn, e);
    this.byId.set(e.id, e);
  }

  add(e: IamEntity): void {
    if (this.named(e.type, e.name)) return;
    (e.type === 'role' ? this.directory.roles : this.directory.users).push(e);
    this.index(e);
  }

  named(type: 'role' | 'user', name: string): IamEntity | undefined {
    return this.byName.get(`${type}:${name.toLowerCase()}`);
  }

  arn(arn: string): IamEntity | undefined {
    return this.byArn.get(arn);
  }

  id(id: string): IamEntity | undefined {
    return this.byId.get(id);
  }
}
