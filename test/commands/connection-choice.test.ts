// Where keypol connects, as the AWS CLI would: the Region from flags, the environment, a profile or
// keypol's own settings; credentials and endpoint_url from ~/.aws/config; the Region of a key ARN.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {fileCliSandbox, runKeypol} from '../helpers/cli.js';

const {f, target} = fileCliSandbox();

test('regions come from flags before AWS_REGION, and AWS_DEFAULT_REGION is honoured', async () => {
  const fromFlag = JSON.parse(
    (await runKeypol(target, ['whoami', '--json', '--region', 'eu-west-1'])).stdout,
  );
  assert.equal(fromFlag.region, 'eu-west-1');
  const fromDefault = JSON.parse(
    (await runKeypol(target, ['whoami', '--json'], {env: {AWS_REGION: '', AWS_DEFAULT_REGION: 'eu-west-1'}}))
      .stdout,
  );
  assert.equal(fromDefault.region, 'eu-west-1');
  const euKeys = JSON.parse((await runKeypol(target, ['list', '--json', '--region', 'eu-west-1'])).stdout);
  assert.ok(euKeys.every((k: {arn: string}) => k.arn.startsWith('arn:aws:kms:eu-west-1:')));
});

test('a profile from ~/.aws/config gives its region and credentials (the SDK chain, as the AWS CLI)', async () => {
  const config = join(f.stateDir, 'aws-config');
  await writeFile(
    config,
    '[profile admin]\nregion = eu-west-1\naws_access_key_id = AKIASANDBOXKEYADMIN0\naws_secret_access_key = x\n',
  );
  const env = {AWS_CONFIG_FILE: config, AWS_REGION: ''};
  const who = JSON.parse((await runKeypol(target, ['whoami', '--json', '--profile', 'admin'], {env})).stdout);
  assert.equal(who.region, 'eu-west-1');
  assert.equal(who.profile, 'admin');
  assert.equal(who.arn, 'arn:aws:iam::111122223333:role/KeyAdmin');
  const viaEnv = JSON.parse(
    (await runKeypol(target, ['whoami', '--json'], {env: {...env, AWS_PROFILE: 'admin'}})).stdout,
  );
  assert.equal(viaEnv.arn, 'arn:aws:iam::111122223333:role/KeyAdmin');
});

test("keypol's own settings give the defaults when flags and environment do not", async () => {
  const {openSettings} = await import('../../source/store/settings.js');
  const settings = await openSettings({cwd: join(f.stateDir, 'config')});
  settings.set('region', 'eu-west-1');
  settings.set('readOnly', true);
  try {
    const who = JSON.parse((await runKeypol(target, ['whoami', '--json'], {env: {AWS_REGION: ''}})).stdout);
    assert.equal(who.region, 'eu-west-1');
    assert.equal(who.readOnly, true);
    const flagWins = JSON.parse(
      (await runKeypol(target, ['whoami', '--json', '--region', 'us-east-1'])).stdout,
    );
    assert.equal(flagWins.region, 'us-east-1');
  } finally {
    settings.set('region', undefined);
    settings.set('readOnly', false);
  }
});

test('a mistyped Region is refused with the Region it is close to; a missing profile is named', async () => {
  const typo = await runKeypol(target, ['list', '--region', 'eu-wst-1']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /"eu-wst-1" is not a Region name\. Did you mean eu-west-1\?/);
  const config = join(f.stateDir, 'aws-config-empty');
  await writeFile(config, '[profile admin]\nregion = eu-west-1\n');
  const missing = await runKeypol(target, ['whoami', '--profile', 'prdo'], {
    env: {AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(f.stateDir, 'no-credentials')},
  });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /profile "prdo" is not in ~\/\.aws\/config or ~\/\.aws\/credentials/);
});

test('endpoint_url from ~/.aws/config is used: the [services] kms entry of the profile, else its own', async () => {
  const config = join(f.stateDir, 'aws-config-endpoint');
  await writeFile(
    config,
    '[profile local]\nregion = us-east-1\nservices = local\naws_access_key_id = AKIASANDBOXROOT00000\n' +
      `aws_secret_access_key = x\n\n[services local]\nkms =\n  endpoint_url = ${f.sandbox.endpoint}\n` +
      `sts =\n  endpoint_url = ${f.sandbox.endpoint}\n\n` +
      `[profile plain]\nregion = us-east-1\nendpoint_url = ${f.sandbox.endpoint}\n` +
      'aws_access_key_id = AKIASANDBOXROOT00000\naws_secret_access_key = x\n',
  );
  for (const profile of ['local', 'plain']) {
    // No endpoint in the environment: only the config file can point at the sandbox.
    const env = {
      AWS_CONFIG_FILE: config,
      AWS_ENDPOINT_URL: '',
      AWS_ENDPOINT_URL_KMS: '',
      AWS_ENDPOINT_URL_STS: '',
    };
    const result = await runKeypol(target, ['whoami', '--json', '--profile', profile], {env});
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).endpoint, f.sandbox.endpoint);
  }
});

test('show ARN takes the Region from the ARN, whatever Region the profile names', async () => {
  const eu = JSON.parse((await runKeypol(target, ['list', '--json', '--region', 'eu-west-1'])).stdout) as {
    arn: string;
  }[];
  const arn = eu[0]!.arn;
  const shown = await runKeypol(target, ['show', arn, '--json', '--region', 'us-east-1']);
  assert.equal(shown.code, 0, shown.stderr);
  assert.equal(JSON.parse(shown.stdout).arn, arn);
});
