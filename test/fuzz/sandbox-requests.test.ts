// Fuzz: the sandbox's request handling over real HTTP. Random and malformed methods, targets,
// content types, credentials and bodies (operation-shaped JSON with wrong types, any JSON, bytes,
// forms): every request gets a well-formed answer (a status, and a JSON or XML body that parses,
// with __type and message for an error) within the time limit, and the server still serves after.
// Bounded and seeded: KEYPOL_FUZZ_RUNS (default 200) and KEYPOL_FUZZ_SEED; `npm run fuzz` runs longer.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {request} from 'node:http';
import fc from 'fast-check';
import {ListKeysCommand} from '@aws-sdk/client-kms';
import {startSandbox, SANDBOX_CREDENTIALS, type Sandbox} from '../../source/sandbox/index.js';
import {kmsClient} from '../sandbox/helpers.js';

const RUNS = Number(process.env.KEYPOL_FUZZ_RUNS ?? 200);
const SEED = Number(process.env.KEYPOL_FUZZ_SEED ?? 20261202);
/** Per request; a hang fails the run instead of the suite's timeout. Generous for a loaded machine. */
const ANSWER_WITHIN_MS = 20_000;

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

const OPERATIONS = [
  'ListKeys',
  'DescribeKey',
  'CreateKey',
  'GetKeyRotationStatus',
  'EnableKeyRotation',
  'DisableKeyRotation',
  'EnableKey',
  'DisableKey',
  'ScheduleKeyDeletion',
  'CancelKeyDeletion',
  'GetKeyPolicy',
  'PutKeyPolicy',
  'ListKeyPolicies',
  'ListAliases',
  'CreateAlias',
  'UpdateAlias',
  'DeleteAlias',
  'ListResourceTags',
  'TagResource',
  'UntagResource',
  'ListGrants',
];
const MEMBERS = [
  'KeyId',
  'Policy',
  'PolicyName',
  'Limit',
  'Marker',
  'AliasName',
  'TargetKeyId',
  'Tags',
  'TagKeys',
  'KeySpec',
  'KeyUsage',
  'Description',
  'PendingWindowInDays',
  'BypassPolicyLockoutSafetyCheck',
  'MultiRegion',
  'Origin',
  'GrantId',
  'RotationPeriodInDays',
  '__proto__',
  'constructor',
];

const text = fc.oneof(
  fc.constantFrom(
    'alias/console-current',
    'alias/aws/s3',
    'alias/hostile',
    'default',
    '*',
    '',
    'constructor',
    '__proto__',
    'SYMMETRIC_DEFAULT',
    'HMAC_256',
    'arn:aws:kms:us-east-1:111122223333:key/x',
    'alias/x',
  ),
  fc.string({maxLength: 40}),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  text,
  fc.integer({min: -5, max: 5000}),
  fc.constantFrom(null, true, false, 1e308, -0.5, [], {}),
  fc.array(fc.record({TagKey: text, TagValue: fc.oneof(text, fc.integer())}, {requiredKeys: []}), {
    maxLength: 3,
  }),
  fc.jsonValue({maxDepth: 3}),
  fc.jsonValue({maxDepth: 2}).map(v => JSON.stringify({Version: '2012-10-17', Statement: v})),
);

const body: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.dictionary(fc.constantFrom(...MEMBERS), value, {maxKeys: 5}).map(params => JSON.stringify(params)),
  fc.jsonValue({maxDepth: 4}).map(v => JSON.stringify(v) ?? ''),
  fc.uint8Array({maxLength: 200}).map(a => Buffer.from(a)),
  fc.constantFrom(
    '',
    '{',
    '{"KeyId":',
    '[]',
    'null',
    '"x"',
    '{"KeyId": "\\ud800"}',
    'Action=GetCallerIdentity&Version=2011-06-15',
    'Action=AssumeRole',
  ),
  fc.nat({max: 3000}).map(n => '['.repeat(n)),
);

const headerText = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./_-=,;: '),
  maxLength: 60,
});

const call = fc.record({
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE'),
  target: fc.option(
    fc.oneof(
      fc.constantFrom(...OPERATIONS).map(op => `TrentService.${op}`),
      fc.constantFrom(
        'AWSSecurityTokenServiceV20110615.GetCallerIdentity',
        'AWSSecurityTokenServiceV20110615.AssumeRole',
        'TrentService.constructor',
        'TrentService.__proto__',
        'TrentService.',
        'TrentService.toString',
      ),
      headerText,
    ),
  ),
  contentType: fc.option(
    fc.constantFrom(
      'application/x-amz-json-1.1',
      'application/x-amz-json-1.0',
      'application/x-www-form-urlencoded',
      'text/plain',
      'application/json; charset=utf-8',
    ),
  ),
  authorization: fc.option(
    fc.oneof(
      fc
        .constantFrom(
          SANDBOX_CREDENTIALS.accessKeyId,
          'AKIASANDBOXAPPSERVER',
          'constructor',
          '__proto__',
          'x',
        )
        .chain(akid =>
          fc
            .constantFrom('us-east-1', 'eu-west-1', 'constructor', '__proto__', 'zz-nowhere-9')
            .map(
              region =>
                `AWS4-HMAC-SHA256 Credential=${akid}/20260101/${region}/kms/aws4_request, SignedHeaders=host, Signature=00`,
            ),
        ),
      headerText,
    ),
  ),
  body,
});

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

function send(c: typeof call extends fc.Arbitrary<infer T> ? T : never): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(sandbox.endpoint);
    // Always framed: a GET body without a length is not a malformed request but a second one.
    const headers: Record<string, string> = {'content-length': String(Buffer.byteLength(c.body))};
    if (c.target !== null) headers['x-amz-target'] = c.target;
    if (c.contentType !== null) headers['content-type'] = c.contentType;
    if (c.authorization !== null) headers.authorization = c.authorization;
    const req = request(
      {host: url.hostname, port: url.port, path: '/', method: c.method, headers, timeout: ANSWER_WITHIN_MS},
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk as Buffer));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)));
    req.on('error', reject);
    req.end(c.body);
  });
}

test('fuzz: every malformed request gets a well-formed answer, and the sandbox keeps serving', async t => {
  const started = performance.now();
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(call, async c => {
      const answer = await send(c);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      assert.ok(answer.status >= 200 && answer.status < 600, `status ${answer.status}`);
      // A 500 is the sandbox failing on its own: KMSInternalException is for injected faults only.
      assert.notEqual(answer.status, 500, answer.text);
      if (answer.contentType === 'text/xml') {
        assert.match(answer.text, /^<\w+ xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
        return;
      }
      assert.match(answer.contentType, /^application\/x-amz-json-1\.[01]$/);
      if (answer.status === 200) {
        if (answer.text !== '') assert.equal(typeof JSON.parse(answer.text), 'object');
        return;
      }
      const error = JSON.parse(answer.text) as {__type?: unknown; message?: unknown};
      assert.equal(typeof error.__type, 'string', answer.text);
      assert.equal(typeof error.message, 'string', answer.text);
    }),
    {numRuns: RUNS, seed: SEED, includeErrorInReport: true},
  );
  // Still serving, through the SDK.
  const {Keys} = await kmsClient(sandbox.endpoint).send(new ListKeysCommand({}));
  assert.ok((Keys ?? []).length > 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const byStatus = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  t.diagnostic(`sandbox-request fuzz: ${RUNS} runs, seed ${SEED}, ${seconds} s; answers ${byStatus}`);
});
