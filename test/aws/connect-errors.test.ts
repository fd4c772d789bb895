// Real failures through the SDK: no credentials anywhere, and an endpoint nobody listens on.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer} from 'node:net';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createKmsGateway} from '../../source/aws/gateway.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as {port: number}).port;
  await new Promise(resolve => server.close(resolve));
  return port;
}

test('missing credentials and an unreachable endpoint are explained', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'keypol-nocreds-'));
  t.after(() => rm(dir, {recursive: true, force: true}));
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ]) {
    delete process.env[name];
  }
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const endpoint = `http://127.0.0.1:${await freePort()}`;

  const noCredentials = createKmsGateway({region: 'us-east-1', endpoint, stateDir: dir});
  t.after(() => noCredentials.close());
  await assert.rejects(noCredentials.listKeys(), {
    name: 'AwsError',
    message: /No AWS credentials were found/,
  });

  const unreachable = createKmsGateway({
    region: 'us-east-1',
    endpoint,
    stateDir: dir,
    credentials: {accessKeyId: 'AKIDTEST', secretAccessKey: 'x'},
  });
  t.after(() => unreachable.close());
  await assert.rejects(unreachable.describeKey('alias/x'), {
    message: new RegExp(`Cannot reach ${endpoint} \\(ECONNREFUSED\\)`),
  });
});
