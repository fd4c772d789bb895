// Policy files on the command line: refused by size before they are read, regular files and stdin
// only (a device or a FIFO ends at once), validated before any API call, and every refusal in
// words (an empty file, a byte order mark, a key given twice).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {truncate, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {withSandbox, operations, type SandboxFixture} from '../helpers/sandbox.js';
import {runKeypol, type CliTarget} from '../helpers/cli.js';

let f: SandboxFixture;
let target: CliTarget;
let liveText: string;
before(async () => {
  f = await withSandbox();
  target = {endpoint: f.sandbox.endpoint, stateDir: f.stateDir};
  liveText = (await f.gateway.getPolicy((await f.gateway.describeKey('alias/console-v3')).arn)).text;
});
after(() => f.cleanup());

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(f.stateDir, name);
  await writeFile(path, content);
  return path;
}

/** Runs keypol and returns its result with the sandbox operations it caused. */
async function keypol(args: string[], stdin?: string) {
  const from = f.sandbox.log.length;
  const result = await runKeypol(target, args, stdin === undefined ? {} : {stdin});
  return {...result, calls: operations(f.sandbox, from)};
}

test('a 1.5 MB and a 15 MB file are refused by their size, unread, before any API call', async () => {
  for (const [name, size, shown] of [
    ['big.json', 1_500_000, '1,500,000 bytes'],
    ['huge.json', 15 * 1024 * 1024, '15,728,640 bytes'],
  ] as const) {
    const path = await file(name, '');
    await truncate(path, size); // sparse: the test does not write megabytes either
    for (const command of ['put', 'diff']) {
      const result = await keypol([command, 'alias/console-v3', path, '--yes']);
      assert.equal(result.code, 3, result.stderr);
      assert.match(result.stderr, new RegExp(`${name} is ${shown}; a key policy is at most 32,768 bytes`));
      assert.deepEqual(result.calls, []);
    }
  }
});

test('stdin is read up to the limit only', async () => {
  const result = await keypol(['put', 'alias/console-v3', '-', '--yes'], ' '.repeat(40_000));
  assert.equal(result.code, 3);
  assert.match(result.stderr, /stdin is more than 32,768 bytes/);
  assert.deepEqual(result.calls, []);
});

test('/dev/zero, /dev/urandom, a directory and a FIFO with no writer are refused at once', async () => {
  const fifo = join(f.stateDir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  for (const [path, kind] of [
    ['/dev/zero', 'a device'],
    ['/dev/urandom', 'a device'],
    [f.stateDir, 'a directory'],
    [fifo, 'a FIFO'],
  ] as const) {
    const result = await keypol(['put', 'alias/console-v3', path, '--yes']);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`is ${kind}.*give a policy file, or "-" to read stdin`));
    assert.deepEqual(result.calls, []);
  }
  const missing = await keypol(['diff', 'alias/console-v3', join(f.stateDir, 'nope.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.json does not exist/);
});

test('put refuses an invalid file before any API call', async () => {
  const broken = await file('broken.json', '{"Version": "2012-10-17", "Statement": [}');
  const result = await keypol(['put', 'alias/console-v3', broken, '--yes', '--json']);
  assert.equal(result.code, 3);
  assert.equal(JSON.parse(result.stdout).refusal, 'invalid');
  assert.deepEqual(result.calls, []);
});

test('an empty file says it is empty, not "trailing commas are not allowed"', async () => {
  for (const content of ['', '  \n\t\n']) {
    const result = await keypol(['put', 'alias/console-v3', await file('empty.json', content), '--yes']);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /the policy is empty/);
    assert.doesNotMatch(result.stderr, /trailing comma/);
  }
});

test('a UTF-8 byte order mark is left out, with a note, and the file is used', async () => {
  const path = await file(
    'bom.json',
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(liveText)]),
  );
  const result = await keypol(['diff', 'alias/console-v3', path]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /bom\.json starts with a UTF-8 byte order mark; keypol leaves it out/);
});

test('a key given twice is accepted with a warning naming the key and its line', async () => {
  const doc = JSON.parse(liveText) as {Statement: object[]};
  const text = JSON.stringify(doc, null, 2).replace(
    '"Version": "2012-10-17",',
    '"Version": "2012-10-17",\n  "Version": "2012-10-17",',
  );
  const line = text.split('\n').findIndex((l, i) => i > 1 && l.includes('"Version"')) + 1;
  const result = await keypol(['diff', 'alias/console-v3', await file('twice.json', text)]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stderr,
    new RegExp(`twice\\.json:${line}: "Version" is given twice in one object \\(lines 2 and ${line}\\)`),
  );
});

test('deep nesting is refused in words, not "Maximum call stack size exceeded"', async () => {
  const deep = await file(
    'deep.json',
    '{"Version": "2012-10-17", "Statement": ' + '['.repeat(16_000) + ']'.repeat(16_000) + '}',
  );
  for (const command of ['put', 'diff']) {
    const result = await keypol([command, 'alias/console-v3', deep, '--yes']);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, /nested more than 64 levels deep/);
    assert.doesNotMatch(result.stderr, /call stack/);
  }
});
