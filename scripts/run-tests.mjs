// Runs every test file under test/ with node's test runner (tsx for TypeScript).
// A pattern that matches nothing must fail, not pass with zero tests.
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {spawnSync} from 'node:child_process';

function find(dir) {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return /\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = find('test')
  .filter(f => only.length === 0 || only.some(o => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.error(`no test files found${only.length ? ` matching ${only.join(', ')}` : ''}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env: {...process.env, COLUMNS: process.env.COLUMNS ?? '100', LINES: process.env.LINES ?? '40'},
});
process.exit(result.status ?? 1);
