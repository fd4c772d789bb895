// The IAM reader: the account's roles and users through @aws-sdk/client-iam's own paginators and
// retries. The listing is asked once per run and kept (refresh replaces it); single principals are
// checked from that list when it is there, else with GetRole/GetUser. The client and the SDK load
// on first use, so nothing here slows the key list.
import type {IAMClient, Role, User} from '@aws-sdk/client-iam';
import type {IamPrincipal} from '../policy/index.js';
import type {ClientOptions} from './client.js';
import type {AwsError} from './errors.js';
import type {PrincipalDirectory, PrincipalLookup} from './types.js';

// IAM's ListRoles/ListUsers give at most 1,000 per page.
const PAGE = 1000;
const OWN = /^arn:(aws[a-z-]*):iam::(\d{12}):(role|user)\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;
const UNIQUE_ID = /^A(ROA|IDA)[A-Z0-9]{12,}$/;

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

/** A role as keypol keeps it: ListRoles and GetRole answer the same Role. */
function roleOf(r: Role, name: string, arn: string): IamPrincipal {
  const created = iso(r.CreateDate);
  const lastUsed = iso(r.RoleLastUsed?.LastUsedDate);
  return {
    type: 'role',
    name,
    path: r.Path ?? '/',
    arn,
    id: r.RoleId ?? '',
    ...(created ? {created} : {}),
    ...(lastUsed ? {lastUsed} : {}),
  };
}

/** A user as keypol keeps it: ListUsers and GetUser answer the same User. */
function userOf(u: User, name: string, arn: string): IamPrincipal {
  const created = iso(u.CreateDate);
  return {type: 'user', name, path: u.Path ?? '/', arn, id: u.UserId ?? '', ...(created ? {created} : {})};
}

export interface IamReaderOptions {
  client: ClientOptions;
  signal: AbortSignal;
  toError(error: unknown, action: string): AwsError;
}

export function createIamReader(options: IamReaderOptions): PrincipalDirectory & {close(): void} {
  let client: Promise<{iam: IAMClient; sdk: typeof import('@aws-sdk/client-iam')}> | undefined;
  const connect = () =>
    (client ??= import('@aws-sdk/client-iam').then(sdk => {
      const {region, profile, credentials, iamEndpoint, endpoint} = options.client;
      const iam = new sdk.IAMClient({
        // IAM is global: its endpoint signs for us-east-1 in the aws partition.
        region: region.startsWith('cn-') || region.startsWith('us-gov-') ? region : 'us-east-1',
        ...(profile ? {profile} : {}),
        ...(credentials ? {credentials} : {}),
        ...((iamEndpoint ?? endpoint) ? {endpoint: iamEndpoint ?? endpoint} : {}),
        retryMode: 'adaptive',
        maxAttempts: 8,
      });
      return {iam, sdk};
    }));
  let listing: Promise<IamPrincipal[]> | undefined;
  let listed: IamPrincipal[] | undefined;
  let listedAt: string | undefined;
  // Principals GetRole/GetUser found this run (a miss is not kept: the operator may create it).
  const found = new Map<string, IamPrincipal>();

  async function fetchAll(): Promise<IamPrincipal[]> {
    const {iam, sdk} = await connect();
    const signal = options.signal;
    const roles: IamPrincipal[] = [];
    const users: IamPrincipal[] = [];
    const readRoles = async () => {
      try {
        for await (const page of sdk.paginateListRoles({client: iam, pageSize: PAGE}, {})) {
          signal.throwIfAborted();
          for (const r of page.Roles ?? []) roles.push(roleOf(r, r.RoleName ?? '', r.Arn ?? ''));
        }
      } catch (error) {
        throw options.toError(error, 'iam:ListRoles');
      }
    };
    const readUsers = async () => {
      try {
        for await (const page of sdk.paginateListUsers({client: iam, pageSize: PAGE}, {})) {
          signal.throwIfAborted();
          for (const u of page.Users ?? []) users.push(userOf(u, u.UserName ?? '', u.Arn ?? ''));
        }
      } catch (error) {
        throw options.toError(error, 'iam:ListUsers');
      }
    };
    await Promise.all([readRoles(), readUsers()]);
    return [...roles, ...users];
  }

  const list: PrincipalDirectory['list'] = ({refresh = false} = {}) => {
    if (refresh || !listing) {
      const pending = fetchAll();
      listing = pending;
      pending.then(
        result => {
          if (listing === pending) {
            listed = result;
            listedAt = new Date().toISOString();
          }
        },
        () => {
          // A failure is not kept: the next ask (r, or the next screen) tries again.
          if (listing === pending) listing = undefined;
        },
      );
    }
    return listing;
  };

  /** GetRole/GetUser for one ARN of the account: the principal, or null when IAM says there is none. */
  async function getOne(type: 'role' | 'user', name: string, arn: string): Promise<IamPrincipal | null> {
    const {iam, sdk} = await connect();
    try {
      if (type === 'role') {
        const {Role: r} = await iam.send(new sdk.GetRoleCommand({RoleName: name}), {
          abortSignal: options.signal,
        });
        return r ? roleOf(r, name, r.Arn ?? arn) : null;
      }
      const {User: u} = await iam.send(new sdk.GetUserCommand({UserName: name}), {
        abortSignal: options.signal,
      });
      return u ? userOf(u, name, u.Arn ?? arn) : null;
    } catch (error) {
      if ((error as {name?: string}).name === 'NoSuchEntityException') return null;
      throw options.toError(error, type === 'role' ? 'iam:GetRole' : 'iam:GetUser');
    }
  }

  const lookup: PrincipalDirectory['lookup'] = async (value): Promise<PrincipalLookup> => {
    const trimmed = value.trim();
    if (UNIQUE_ID.test(trimmed)) {
      // IAM has no call that finds a principal by unique id: only the whole listing can tell.
      try {
        const all = await list();
        const found = all.find(p => p.id === trimmed);
        return found ? {state: 'live', principal: found} : {state: 'missing'};
      } catch (error) {
        return {state: 'unverifiable', reason: (error as Error).message};
      }
    }
    const match = OWN.exec(trimmed);
    if (!match) return {state: 'unverifiable', reason: `${trimmed} is not an IAM role or user ARN.`};
    const [, , , type, name = ''] = match;
    const cached = found.get(trimmed) ?? listed?.find(p => p.arn === trimmed);
    if (cached) return {state: 'live', principal: cached};
    try {
      const answer = await getOne(type as 'role' | 'user', name, trimmed);
      // The name exists but under another path: a policy must name the ARN exactly.
      if (answer && answer.arn !== trimmed) return {state: 'missing', suggestion: answer.arn};
      if (answer) found.set(trimmed, answer);
      return answer ? {state: 'live', principal: answer} : {state: 'missing'};
    } catch (error) {
      return {state: 'unverifiable', reason: (error as Error).message};
    }
  };

  return {
    list,
    cached: () => listed,
    loadedAt: () => listedAt,
    lookup,
    close() {
      void client?.then(({iam}) => iam.destroy());
    },
  };
}
