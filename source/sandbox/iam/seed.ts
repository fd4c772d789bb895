// The demo account's principals: administrators, application and CI roles, IAM Identity Center
// (SSO) permission-set roles, service-linked roles and users — and every role or user of the
// account that a demo key policy names, so the seeded policies stay valid under the sandbox's
// existence check. Two principals are gone: their unique ids remain in alias/deleted-principal.
// `--principals N` adds N generated roles and users for scale work.
import {parsePolicy, statementPrincipals} from '../../policy/index.js';
import {policyText, type SandboxState} from '../state.js';
import {entity, type IamDirectory, type IamEntity, type IamIndex} from './directory.js';

const at = (iso: string): number => Date.parse(iso) / 1000;
const SSO = '/aws-reserved/sso.amazonaws.com/';
const LINKED = (service: string) => `/aws-service-role/${service}/`;

interface Spec {
  type: 'role' | 'user';
  name: string;
  path?: string;
  created: string;
  description?: string;
  lastUsed?: {date: string; region: string};
}

const role = (name: string, created: string, more: Partial<Spec> = {}): Spec => ({
  type: 'role',
  name,
  created,
  ...more,
});
const user = (name: string, created: string, more: Partial<Spec> = {}): Spec => ({
  type: 'user',
  name,
  created,
  ...more,
});

export const DEMO_PRINCIPALS: readonly Spec[] = [
  // Administrators
  role('KeyAdmin', '2015-03-30T10:00:00Z', {
    description: 'Administers the KMS keys',
    lastUsed: {date: '2026-11-30T17:21:04Z', region: 'us-east-1'},
  }),
  role('Admin', '2015-02-02T09:00:00Z', {description: 'Break-glass account administrator'}),
  role('KeyOperator', '2024-02-05T10:00:00Z', {description: 'Operates keys; may not read IAM'}),
  role('OrganizationAccountAccessRole', '2015-01-12T08:00:00Z'),
  role('SecurityAuditor', '2019-06-11T13:30:00Z', {path: '/security/', description: 'Read-only audits'}),
  role('Auditor', '2021-04-01T12:00:00Z', {description: 'External auditors (read-only)'}),
  // Applications
  role('AppServer', '2016-07-19T08:30:00Z', {
    description: 'Web tier instances',
    lastUsed: {date: '2026-12-01T23:59:12Z', region: 'us-east-1'},
  }),
  role('Batch', '2017-01-24T16:00:00Z', {description: 'Nightly batch jobs'}),
  role('orders-api', '2019-03-07T11:00:00Z', {path: '/app/'}),
  role('payments-worker', '2022-09-13T09:45:00Z', {path: '/app/'}),
  role('Reporting', '2020-05-19T08:00:00Z', {path: '/', description: 'Analytics exports'}),
  role('reporting-etl', '2020-05-19T08:10:00Z', {path: '/app/'}),
  role('Editor', '2023-02-14T10:00:00Z', {description: 'Content editors'}),
  role('App', '2023-08-08T08:08:00Z'),
  // CI/CD
  role('GitHubActionsDeploy', '2022-01-10T14:00:00Z', {path: '/ci/'}),
  role('TerraformApply', '2020-10-05T07:30:00Z', {path: '/ci/'}),
  role('codebuild-release-service-role', '2021-11-30T15:00:00Z', {path: '/service-role/'}),
  // IAM Identity Center permission sets
  role('AWSReservedSSO_AdministratorAccess_3f1c2b9e8d7a6b5c', '2023-03-01T09:00:00Z', {path: SSO}),
  role('AWSReservedSSO_PowerUserAccess_9a8b7c6d5e4f3a2b', '2023-03-01T09:00:00Z', {path: SSO}),
  role('AWSReservedSSO_ReadOnlyAccess_1b2c3d4e5f6a7b8c', '2023-03-01T09:00:00Z', {path: SSO}),
  role('AWSReservedSSO_KMSKeyAdmins_5d6e7f8a9b0c1d2e', '2024-06-20T11:00:00Z', {
    path: `${SSO}eu-west-1/`,
  }),
  // Service-linked roles
  role('AWSServiceRoleForAutoScaling', '2016-07-19T08:00:00Z', {path: LINKED('autoscaling.amazonaws.com')}),
  role('AWSServiceRoleForOrganizations', '2015-01-12T08:00:00Z', {
    path: LINKED('organizations.amazonaws.com'),
  }),
  role('AWSServiceRoleForSSO', '2023-03-01T08:59:00Z', {path: LINKED('sso.amazonaws.com')}),
  role('AWSServiceRoleForSupport', '2015-01-12T08:00:00Z', {path: LINKED('support.amazonaws.com')}),
  role('AWSServiceRoleForRDS', '2019-03-07T10:55:00Z', {path: LINKED('rds.amazonaws.com')}),
  // Users
  user('alice', '2015-03-30T10:05:00Z'),
  user('bob', '2018-09-03T12:00:00Z'),
  user('carol', '2021-01-18T09:00:00Z', {path: '/ops/'}),
  user('terraform-ci', '2020-10-05T07:25:00Z', {path: '/ci/'}),
  user('emergency-admin', '2015-02-02T09:05:00Z', {path: '/breakglass/'}),
  user('svc-backup', '2017-05-12T12:00:00Z', {path: '/service/'}),
];

/** Unique ids of principals that were deleted; alias/deleted-principal still names the role's. */
export const DELETED_PRINCIPAL_IDS = {role: 'AROA5EXAMPLEDELETED7Q', user: 'AIDA5EXAMPLEDELETED2K'};

function toEntity(account: string, spec: Spec): IamEntity {
  const e = entity(account, {
    type: spec.type,
    name: spec.name,
    ...(spec.path ? {path: spec.path} : {}),
    created: at(spec.created),
    ...(spec.description ? {description: spec.description} : {}),
  });
  return spec.lastUsed ? {...e, lastUsed: {date: at(spec.lastUsed.date), region: spec.lastUsed.region}} : e;
}

const OWN = /^arn:aws:iam::(\d{12}):(role|user)((?:\/[\w+=,.@-]+)*\/)([\w+=,.@-]+)$/;

/** Every role and user of `account` that a key policy in the state names, created if missing. */
function referencedPrincipals(state: SandboxState, index: IamIndex): void {
  const seen = new Set<string>();
  for (const region of state.regions.values()) {
    for (const key of region.keys.values()) {
      // Generated keys share template policies built on first read; they name only the demo's
      // own principals, so building them here would only slow `--keys N` down.
      if (typeof key.policy !== 'string') continue;
      const text = policyText(key);
      if (seen.has(text)) continue;
      seen.add(text);
      const parsed = parsePolicy(text);
      if (!parsed.ok) continue;
      for (const principal of parsed.document.Statement.flatMap(statementPrincipals)) {
        const match = OWN.exec(principal);
        if (!match || match[1] !== state.accountId) continue;
        const [, , type, path = '/', name = ''] = match;
        index.add(
          entity(state.accountId, {type: type as 'role' | 'user', path, name, created: key.creationDate}),
        );
      }
    }
  }
}

export function seedDemoPrincipals(state: SandboxState): void {
  for (const spec of DEMO_PRINCIPALS) state.principals.add(toEntity(state.accountId, spec));
  referencedPrincipals(state, state.principals);
  sortDirectory(state.principals.directory);
}

const START = at('2016-01-01T00:00:00Z');
const TEAMS = ['payments', 'orders', 'search', 'platform', 'data', 'identity', 'mobile', 'growth'];

/** `--principals N`: N more roles and users (three roles to each user), deterministic names. */
export function seedGeneratedPrincipals(state: SandboxState, count: number): void {
  const width = Math.max(5, String(count - 1).length);
  for (let i = 0; i < count; i++) {
    const team = TEAMS[i % TEAMS.length] as string;
    const n = String(i).padStart(width, '0');
    const created = START + i * 3607;
    const spec =
      i % 4 === 3
        ? {type: 'user' as const, name: `${team}-dev-${n}`, path: `/people/${team}/`, created}
        : i % 10 === 4
          ? {
              type: 'role' as const,
              name: `AWSReservedSSO_${team}-access_${n}`,
              path: SSO,
              created,
            }
          : {type: 'role' as const, name: `${team}-svc-${n}`, path: `/app/${team}/`, created};
    state.principals.add(entity(state.accountId, spec));
  }
  sortDirectory(state.principals.directory);
}

/** IAM lists in name order; keep the arrays that way so paging needs no sort per request. */
function sortDirectory(directory: IamDirectory): void {
  const byName = (a: IamEntity, b: IamEntity) =>
    a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0;
  directory.roles.sort(byName);
  directory.users.sort(byName);
}
