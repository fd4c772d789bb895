// Child process of row 5: lists the keys through keypol's gateway, then fetches every key policy
// with the gateway's pool, and prints one JSON line with the timings. A separate process so that
// the sandbox (in the parent) and the client do not share one event loop.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createKmsGateway, DESCRIBE_CONCURRENCY} from '../source/aws/gateway.js';
import {forEachPooled} from '../source/aws/pool.js';
import {SANDBOX_CREDENTIALS} from '../source/sandbox/index.js';

const [endpoint, concurrencyArg] = process.argv.slice(2);
if (!endpoint) throw new Error('usage: fetch-worker.ts ENDPOINT [CONCURRENCY]');
const concurrency = Number(concurrencyArg ?? DESCRIBE_CONCURRENCY);

const gateway = createKmsGateway({
  region: 'us-east-1',
  endpoint,
  credentials: SANDBOX_CREDENTIALS,
  stateDir: mkdtempSync(join(tmpdir(), 'keypol-bench-fetch-')),
});
try {
  const listStart = performance.now();
  const keys = await gateway.listKeys();
  const listMs = performance.now() - listStart;
  let bytes = 0;
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  await forEachPooled(keys, concurrency, async key => {
    const {text} = await gateway.getPolicy(key.arn);
    bytes += text.length;
  });
  const fetchMs = performance.now() - start;
  const {user, system} = process.cpuUsage(cpuBefore);
  // The client's own CPU time: near fetchMs means the client, not the quota, set the pace.
  const cpuMs = (user + system) / 1000;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({keys: keys.length, listMs, fetchMs, cpuMs, peakRssMiB, bytes, concurrency}) + '\n',
  );
} finally {
  gateway.close();
}
