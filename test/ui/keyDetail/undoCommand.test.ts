import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {restoreCommandLines, restoreWords, shellQuote} from '../../../source/ui/screens/undoCommand.js';

const BACKUP = '20261124T032501956Z-2ef1196b-dad5-4ce9-ae03-c80183dab674-2e84';

test('the undo command repeats the connection: sandbox and Region; the sandbox endpoint is left to --sandbox', () => {
  const words = restoreWords(
    {region: 'eu-west-1', sandbox: true, readOnly: false, endpoint: 'http://127.0.0.1:4599'},
    'alias/console-v2',
    BACKUP,
  );
  assert.equal(words.join(' '), `keypol --sandbox --region eu-west-1 restore alias/console-v2 ${BACKUP}`);
});

test('profile and endpoint are repeated and shell-quoted, so the pasted words are exactly the values', () => {
  const info = {
    region: 'us-east-1',
    profile: "ops admin's",
    endpoint: 'https://kms.example.test/a b',
    sandbox: false,
    readOnly: false,
  };
  const words = restoreWords(info, 'alias/app', BACKUP);
  // The shell gives back what keypol would parse: echo each argument on its own line.
  const script = `printf '%s\\n' ${words.slice(1).join(' ')}`;
  const parsed = execFileSync('/bin/sh', ['-c', script], {encoding: 'utf8'}).trimEnd().split('\n');
  assert.deepEqual(parsed, [
    '--profile',
    "ops admin's",
    '--region',
    'us-east-1',
    '--endpoint-url',
    'https://kms.example.test/a b',
    'restore',
    'alias/app',
    BACKUP,
  ]);
  assert.equal(shellQuote('alias/app'), 'alias/app', 'plain words stay bare');
  assert.equal(shellQuote('$(rm -rf ~)'), "'$(rm -rf ~)'");
});

test('a command wider than the screen continues with a backslash and pastes as one command', () => {
  const info = {region: 'ap-southeast-2', profile: 'production-admin', sandbox: false, readOnly: false};
  const lines = restoreCommandLines(info, 'alias/console-v2', BACKUP, 60);
  assert.ok(lines.length > 1);
  // Only a single word longer than the screen (the backup id) may overflow.
  for (const line of lines) assert.ok(line.length <= 60 || !/\S \S/.test(line.trim()), line);
  for (const line of lines.slice(0, -1)) assert.match(line, / \\$/);
  const out = execFileSync(
    '/bin/sh',
    ['-c', `printf '%s\\n' ${lines.join('\n').replace(/^\s*keypol/, '')}`],
    {
      encoding: 'utf8',
    },
  );
  assert.deepEqual(out.trimEnd().split('\n'), restoreWords(info, 'alias/console-v2', BACKUP).slice(1));
});
