// The sandbox's IAM over real HTTP through @aws-sdk/client-iam: paging like IAM (MaxItems,
// Marker, IsTruncated), GetRole/GetUser, NoSuchEntity in IAM's XML error shape, the caller that
// may not read IAM, the seeded principals, and PutKeyPolicy/CreateKey refusing unknown principals.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  ListRolesCommand,
  ListUsersCommand,
  paginateListRoles,
  type Role,
} from '@aws-sdk/client-iam';
import {CreateKeyCommand, GetKeyPolicyCommand, PutKeyPolicyCommand} from '@aws-sdk/client-kms';
import {
  DELETED_PRINCIPAL_IDS,
  SANDBOX_CREDENTIALS,
  startSandbox,
  type Sandbox,
} from '../../source/sandbox/index.js';
import {IAM, keyIdOf, kmsClient, policyFor, rawPost, rejectsWith} from './helpers.js';

function iamClient(sandbox: Sandbox, accessKeyId: string = SANDBOX_CREDENTIALS.accessKeyId): IAMClient {
  return new IAMClient({
    endpoint: sandbox.endpoint,
    region: 'us-east-1',
    credentials: {accessKeyId, secretAccessKey: SANDBOX_CREDENTIALS.secretAccessKey},
    maxAttempts: 1,
    requestHandler: {requestTimeout: 30_000, connectionTimeout: 5_000},
  });
}

async function allRoles(iam: IAMClient, pageSize: number): Promise<{roles: Role[]; pages: number}> {
  const roles: Role[] = [];
  let pages = 0;
  for await (const page of paginateListRoles({client: iam, pageSize}, {})) {
    pages++;
    roles.push(...(page.Roles ?? []));
  }
  return {roles, pages};
}

test('ListRoles pages like IAM: MaxItems, Marker, IsTruncated, every role once, in name order', async t => {
  const sandbox = await startSandbox();
  t.after(() => sandbox.close());
  const iam = iamClient(sandbox);
  const first = await iam.send(new ListRolesCommand({MaxItems: 5}));
  assert.equal(first.Roles?.length, 5);
  assert.equal(first.IsTruncated, true);
  assert.ok(first.Marker, 'a marker while more remains');
  const {roles, pages} = await allRoles(iam, 7);
  assert.ok(pages > 2, `${pages} pages`);
  const names = roles.map(r => r.RoleName ?? '');
  assert.equal(new Set(names).size, names.length, 'no role twice');
  const lower = names.map(n => n.toLowerCase());
  assert.deepEqual(lower, [...lower].sort(), 'name order');
  for (const name of ['KeyAdmin', 'AppServer', 'Batch', 'KeyOperator', 'GitHubActionsDeploy']) {
    assert.ok(names.includes(name), `${name} is seeded`);
  }
  const sso = roles.filter(r => r.RoleName?.startsWith('AWSReservedSSO_'));
  assert.ok(sso.length >= 3 && sso.every(r => r.Path?.startsWith('/aws-reserved/sso.amazonaws.com/')));
  const linked = roles.filter(r => r.Path?.startsWith('/aws-service-role/'));
  assert.ok(linked.some(r => r.Arn?.endsWith('/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling')));
  assert.ok(
    roles.every(r => /^AROA[A-Z0-9]{17}$/.test(r.RoleId ?? '')),
    'RoleIds look like IAM',
  );
  assert.ok(
    roles.every(r => r.RoleLastUsed === undefined),
    'ListRoles leaves out RoleLastUsed',
  );
  const last = await iam.send(new ListRolesCommand({MaxItems: 1000}));
  assert.equal(last.IsTruncated, false);
  assert.equal(last.Marker, undefined);
});

test('PathPrefix narrows the listing; ListUsers pages the same way', async t => {
  const sandbox = await startSandbox();
  t.after(() => sandbox.close());
  const iam = iamClient(sandbox);
  const sso = await iam.send(new ListRolesCommand({PathPrefix: '/aws-reserved/'}));
  assert.ok(sso.Roles?.length && sso.Roles.every(r => r.Path?.startsWith('/aws-reserved/')));
  const users = await iam.send(new ListUsersCommand({MaxItems: 2}));
  assert.equal(users.Users?.length, 2);
  assert.equal(users.IsTruncated, true);
  const rest = await iam.send(new ListUsersCommand({Marker: users.Marker}));
  const all = [...(users.Users ?? []), ...(rest.Users ?? [])].map(u => u.Arn);
  assert.ok(all.includes(IAM('user/alice')) && all.includes(IAM('user/ops/carol')));
  await rejectsWith(iam.send(new ListUsersCommand({MaxItems: 0})), 'ValidationError', /maxItems/);
});

test('GetRole returns RoleLastUsed; a missing role or user is NoSuchEntity (404, IAM XML)', async t => {
  const sandbox = await startSandbox();
  t.after(() => sandbox.close());
  const iam = iamClient(sandbox);
  const {Role} = await iam.send(new GetRoleCommand({RoleName: 'KeyAdmin'}));
  assert.equal(Role?.Arn, IAM('role/KeyAdmin'));
  assert.equal(Role?.RoleLastUsed?.Region, 'us-east-1');
  const {User} = await iam.send(new GetUserCommand({UserName: 'carol'}));
  assert.equal(User?.Path, '/ops/');
  const missing = await rejectsWith(
    iam.send(new GetRoleCommand({RoleName: 'Nope'})),
    'NoSuchEntityException',
    'The role with name Nope cannot be found.',
  );
  assert.equal(missing.$metadata.httpStatusCode, 404);
  await rejectsWith(iam.send(new GetUserCommand({UserName: 'nobody'})), 'NoSuchEntityException');

  const raw = await rawPost(
    sandbox.endpoint,
    {'content-type': 'application/x-www-form-urlencoded; charset=utf-8'},
    'Action=GetRole&Version=2010-05-08&RoleName=Nope',
  );
  assert.equal(raw.status, 404);
  assert.match(raw.text, /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">/);
  assert.match(raw.text, /<Type>Sender<\/Type>\s*<Code>NoSuchEntity<\/Code>/);
  assert.match(raw.text, /<RequestId>[0-9a-f-]{36}<\/RequestId>/);
});

test('a caller without IAM permissions gets AccessDenied (403) and the log records it', async t => {
  const sandbox = await startSandbox();
  t.after(() => sandbox.close());
  const denied = iamClient(sandbox, 'AKIASANDBOXNOIAM0000');
  const error = await rejectsWith(
    denied.send(new ListRolesCommand({})),
    'AccessDenied',
    /role\/KeyOperator is not authorized to perform: iam:ListRoles/,
  );
  assert.equal(error.$metadata.httpStatusCode, 403);
  const entry = sandbox.log.at(-1);
  assert.equal(entry?.operation, 'ListRoles');
  assert.equal(entry?.error, 'AccessDenied');
});

test('--principals N adds N generated roles and users on top of the demo ones', async t => {
  const sandbox = await startSandbox({extraPrincipals: 5000});
  t.after(() => sandbox.close());
  const iam = iamClient(sandbox);
  const {roles} = await allRoles(iam, 1000);
  let users = 0;
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListUsersCommand({MaxItems: 1000, ...(marker ? {Marker: marker} : {})}));
    users += page.Users?.length ?? 0;
    marker = page.Marker;
  } while (marker);
  const generated = roles.filter(r => /-svc-\d{5}$|-access_\d{5}$/.test(r.RoleName ?? '')).length;
  assert.ok(roles.length + users >= 5000, `${roles.length} roles + ${users} users`);
  assert.ok(generated > 3000, `${generated} generated roles`);
});

test('PutKeyPolicy and CreateKey refuse a role or user of the account that does not exist', async t => {
  const sandbox = await startSandbox();
  t.after(() => sandbox.close());
  const kms = kmsClient(sandbox.endpoint);
  const keyId = await keyIdOf(kms, 'alias/console-v3');
  const from = sandbox.log.length;
  await rejectsWith(
    kms.send(new PutKeyPolicyCommand({KeyId: keyId, Policy: policyFor([IAM('root'), IAM('role/Ops')])})),
    'MalformedPolicyDocumentException',
    'Policy contains a statement with one or more invalid principals.',
  );
  await rejectsWith(
    kms.send(new CreateKeyCommand({Policy: policyFor([IAM('root'), IAM('user/ghost')])})),
    'MalformedPolicyDocumentException',
    'Policy contains a statement with one or more invalid principals.',
  );
  // The path is part of the ARN: carol is /ops/carol, not carol.
  await rejectsWith(
    kms.send(new PutKeyPolicyCommand({KeyId: keyId, Policy: policyFor([IAM('root'), IAM('user/carol')])})),
    'MalformedPolicyDocumentException',
  );
  assert.ok(
    sandbox.log.slice(from).every(e => e.status === 400),
    'nothing was stored',
  );

  // Existing principals, another account's (not checkable) and a deleted principal's unique id pass.
  const fine = policyFor([
    IAM('root'),
    IAM('user/ops/carol'),
    IAM('role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnlyAccess_1b2c3d4e5f6a7b8c'),
    IAM('role/Anything', '444455556666'),
    DELETED_PRINCIPAL_IDS.role,
  ]);
  await kms.send(new PutKeyPolicyCommand({KeyId: keyId, Policy: fine}));
  const {Policy} = await kms.send(new GetKeyPolicyCommand({KeyId: keyId}));
  assert.match(Policy ?? '', /user\/ops\/carol/);
});
