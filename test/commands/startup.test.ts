// Start-up cost: the subcommands must not load Ink or React (nor the sandbox), only the TUI
// may. Checked on the real bundle's graph: esbuild's metafile says which sources each chunk
// holds and which chunks it imports statically.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {build, type Metafile} from 'esbuild';

const ROOT = join(import.meta.dirname, '..', '..');

async function bundleGraph(): Promise<Metafile> {
  const outdir = await mkdtemp(join(tmpdir(), 'keypol-bundle-'));
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: {cli: 'source/cli.ts'},
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      alias: {'react-devtools-core': './scripts/devtools-stub.mjs'},
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    return result.metafile;
  } finally {
    await rm(outdir, {recursive: true, force: true});
  }
}

/** Every source a chunk loads before running: itself plus its static imports, transitively. */
function staticInputs(meta: Metafile, chunk: string, seen = new Set<string>()): Set<string> {
  if (seen.has(chunk)) return new Set();
  seen.add(chunk);
  const output = meta.outputs[chunk];
  assert.ok(output, chunk);
  const inputs = new Set(Object.keys(output.inputs));
  for (const imported of output.imports) {
    if (imported.kind === 'import-statement' && !imported.external) {
      for (const input of staticInputs(meta, imported.path, seen)) inputs.add(input);
    }
  }
  return inputs;
}

function chunkFor(meta: Metafile, entry: string): string {
  const found = Object.entries(meta.outputs).find(([, output]) => output.entryPoint === entry);
  assert.ok(found, `no chunk for ${entry}`);
  return found[0];
}

test('the entry and every subcommand load without Ink, React or the sandbox', async () => {
  const meta = await bundleGraph();
  const heavy =
    /node_modules\/(ink|react|react-reconciler|yoga-layout|ink-select-input)\/|source\/(ui|sandbox)\//;
  const entries = [
    'source/cli.ts',
    ...[
      'list',
      'show',
      'get',
      'diff',
      'put',
      'upgrade',
      'grant-access',
      'deletion',
      'history',
      'restore',
      'whoami',
    ].map(c => `source/commands/${c}.ts`),
    'source/aws/gateway.ts',
  ];
  for (const entry of entries) {
    const loaded = [...staticInputs(meta, chunkFor(meta, entry))].filter(input => heavy.test(input));
    assert.deepEqual(loaded, [], entry);
  }
  // And the TUI really is where Ink lives (the check above is not vacuous).
  const tui = [...staticInputs(meta, chunkFor(meta, 'source/ui/run.tsx'))];
  assert.ok(tui.some(input => /node_modules\/ink\//.test(input)));
  // The entry chunk itself does not even load the AWS SDK: --help stays instant.
  assert.ok(
    ![...staticInputs(meta, chunkFor(meta, 'source/cli.ts'))].some(input => input.includes('@aws-sdk')),
  );
});
