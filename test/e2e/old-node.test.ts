// On a Node older than 22 (the system Node of many bastions) the npm bundle refuses to start and
// names the way out: the single executable. Runs where such a Node is installed (/usr/bin/node here).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';

const OLD = ['/usr/bin/node', '/usr/local/bin/node'].find(path => {
  if (!existsSync(path)) return false;
  const version = spawnSync(path, ['--version'], {encoding: 'utf8'}).stdout.trim();
  return Number(/^v(\d+)/.exec(version)?.[1] ?? 99) < 22;
});
const skip = !existsSync('dist/cli.js')
  ? 'dist/cli.js is missing: run `npm run build` first'
  : OLD
    ? false
    : 'no Node older than 22 on this machine';

test('on Node < 22 the bundle refuses with exit 1 and names the executable', {skip, timeout: 60_000}, () => {
  const r = spawnSync(OLD!, ['dist/cli.js', '--sandbox', 'list'], {encoding: 'utf8'});
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^keypol: needs Node\.js 22 or newer; this is v\d+\./);
  assert.match(r.stderr, /single executable keypol-linux-x64/);
});
