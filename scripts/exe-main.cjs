// The executable's main script (scripts/build-exe.mjs). It compiles keypol's one-file bundle, an
// SEA asset, with a V8 code cache recorded while that bundle drew the TUI at build time, so the
// functions a start-up calls arrive compiled (SEA's own useCodeCache covers only the top level).
// At build time the same file, run by plain Node, records that cache: both paths must compile the
// identical text with identical options, or V8 rejects the cache.
const vm = require('node:vm');
const sea = require('node:sea');

const compile = (source, cachedData) =>
  new vm.Script(`(function (require) {${source}\n})`, {
    filename: 'keypol.cjs',
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });

if (sea.isSea()) {
  const cache = sea.getAssetKeys?.().includes('keypol.cache') ? sea.getAsset('keypol.cache') : undefined;
  compile(sea.getAsset('keypol.cjs', 'utf8'), cache && new Uint8Array(cache)).runInThisContext()(require);
} else {
  // Build time: KEYPOL_EXE_TRAIN=bundle:cache. The cache is written once keypol has exited.
  const [bundle, out] = process.env.KEYPOL_EXE_TRAIN.split(':');
  const fs = require('node:fs');
  const script = compile(fs.readFileSync(bundle, 'utf8'));
  process.on('exit', () => fs.writeFileSync(out, script.createCachedData()));
  script.runInThisContext()(require);
}
