// Failures said in words, not the SDK's internals: an endpoint that is not KMS (a web page), an
// endpoint that is not a URL.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runKeypol, type CliTarget} from '../helpers/cli.js';

let web: Server;
let target: CliTarget;
before(async () => {
  web = createServer((_req, res) => {
    res.writeHead(200, {'content-type': 'text/html'});
    res.end('<!doctype html><html><body>Welcome to nginx!</body></html>');
  });
  await new Promise<void>(resolve => web.listen(0, '127.0.0.1', resolve));
  target = {
    endpoint: `http://127.0.0.1:${(web.address() as AddressInfo).port}`,
    stateDir: await mkdtemp(join(tmpdir(), 'keypol-state-')),
  };
});
after(async () => {
  web.closeAllConnections();
  await new Promise(resolve => web.close(resolve));
  await rm(target.stateDir, {recursive: true, force: true});
});

test('an endpoint that answers with a web page is named as not KMS, without SDK internals', async () => {
  for (const args of [['list'], ['show', 'alias/x'], ['whoami']]) {
    const result = await runKeypol(target, args);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `${target.endpoint} did not answer like AWS \\((kms|sts):\\w+ got (HTTP 200, text/html|an answer without an account or ARN)\\)`,
      ),
    );
    assert.match(result.stderr, /check --endpoint-url and AWS_ENDPOINT_URL/);
    assert.doesNotMatch(result.stderr, /\$response|Unexpected token|Deserialization/);
  }
});

test('an endpoint that is not a URL is a usage error (exit 2) naming where it came from', async () => {
  const flag = await runKeypol(target, ['--endpoint-url', 'not a url', 'list']);
  assert.equal(flag.code, 2);
  assert.match(
    flag.stderr,
    /^keypol: --endpoint-url "not a url" is not an http\(s\) URL; give one such as https:\/\/kms/,
  );
  const env = await runKeypol({...target, endpoint: 'ftp://example.com'}, ['list']);
  assert.equal(env.code, 2);
  assert.match(env.stderr, /AWS_ENDPOINT_URL "ftp:\/\/example.com" is not an http\(s\) URL/);
});
