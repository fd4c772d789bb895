// npm run fuzz [-- RUNS [SEED]]: the suite's fuzz and any-JSON property tests, longer and with a
// fresh seed (the suite runs them short and seeded). Each test prints its runs, seed and time.
import {spawnSync} from 'node:child_process';

const runs = process.argv[2] ?? process.env.KEYPOL_FUZZ_RUNS ?? '5000';
const seed = process.argv[3] ?? process.env.KEYPOL_FUZZ_SEED ?? String(Date.now() % 1_000_000);
console.log(`fuzz: ${runs} runs per test, seed ${seed}`);
const result = spawnSync(process.execPath, ['scripts/run-tests.mjs', 'test/fuzz/', 'test/policy/any-json'], {
  stdio: 'inherit',
  env: {...process.env, KEYPOL_FUZZ_RUNS: runs, KEYPOL_FUZZ_SEED: seed},
});
process.exit(result.status ?? 1);
