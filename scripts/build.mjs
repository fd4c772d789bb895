// Bundles source/cli.ts into dist/ with esbuild. Code splitting keeps Ink, React and the
// AWS SDK in chunks that load only when a command needs them (start-up time matters:
// `keypol list --json` must not pay for the UI). This bundle is the whole npm package: it
// needs no node_modules, which is why every package it contains is a devDependency.
import {build} from 'esbuild';
import {chmod, rm, writeFile} from 'node:fs/promises';
import {bundleOptions, NODE_FLAGS} from './bundle-options.mjs';

await rm('dist', {recursive: true, force: true});
await build({
  ...bundleOptions('npm bundle'),
  entryPoints: {cli: 'source/cli.ts'},
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  target: 'node22',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    js: `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}\nimport {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);`,
  },
});
await writeFile('dist/package.json', '{"type":"module"}\n');
await chmod('dist/cli.js', 0o755); // the bin runs as itself: its shebang carries NODE_FLAGS
