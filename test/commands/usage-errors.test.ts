// Usage mistakes get one line that names the mistake and where help is — not a screen of help.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {runKeypol, type CliTarget} from '../helpers/cli.js';

// Usage errors are answered before any connection: the endpoint is never used.
const target: CliTarget = {endpoint: 'http://127.0.0.1:9', stateDir: '/nonexistent-keypol-state'};

test('an unknown command names itself and points at --help (exit 2)', async () => {
  const result = await runKeypol(target, ['lsit']);
  assert.equal(result.code, 2);
  assert.equal(result.stderr, 'keypol: unknown command "lsit"\nRun "keypol --help" for the commands.\n');
});

test('an unknown option names itself without parseArgs internals (exit 2)', async () => {
  const result = await runKeypol(target, ['list', '--bogus']);
  assert.equal(result.code, 2);
  assert.equal(result.stderr, 'keypol: unknown option --bogus\nRun "keypol list --help" for usage.\n');
});
