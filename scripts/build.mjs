// Bundles source/cli.ts into dist/ with esbuild. Code splitting keeps Ink, React and the
// AWS SDK in chunks that load only when a command needs them (start-up time matters:
// `keypol list --json` must not pay for the UI).
import {build} from 'esbuild';
import {chmod, rm, writeFile} from 'node:fs/promises';

const NODE_FLAGS = '--max-semi-space-size=2';

await rm('dist', {recursive: true, force: true});
await build({
  entryPoints: {cli: 'source/cli.ts'},
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Prefer ES builds: jsonc-parser's UMD `main` hides its requires from the bundler.
  mainFields: ['module', 'main'],
  target: 'node22',
  minify: true,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // ink imports react-devtools-core lazily; marking it external crashes at start (stack.md).
  alias: {'react-devtools-core': './scripts/devtools-stub.mjs'},
  define: {'process.env.NODE_ENV': '"production"'},
  banner: {
    // A small young generation: the SDK's per-request garbage then dies young instead of growing
    // the heap (10,000 keys fully loaded: ~390 → ~260 MiB peak RSS, no slower; bench/NOTES.md).
    // V8 fixes this size at start-up, so it has to be a launch flag.
    js: `#!/usr/bin/env -S node ${NODE_FLAGS}\nimport {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);`,
  },
  logLevel: 'warning',
});
await writeFile('dist/package.json', '{"type":"module"}\n');
await chmod('dist/cli.js', 0o755); // the bin runs as itself: its shebang carries NODE_FLAGS
