// esbuild plugin for the executable's one-file CommonJS bundle, which cannot hold a top-level
// await (SEA's main script is CommonJS). Two dependencies have one:
// - yoga-layout awaits its wasm: instead, instantiate the same wasm synchronously through
//   Emscripten's `instantiateWasm` hook (it then finishes initialising before returning);
// - Ink awaits React devtools and its package.json only when DEV=true: that branch is dropped.
// Each rewrite checks the text it replaces, so a dependency upgrade that moves it fails the build.
import {readFile} from 'node:fs/promises';

const YOGA_DATA_URL = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;

const YOGA_INDEX = `
import loadYoga, {WASM_BASE64} from '../binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from './wrapAssembly.js';
const module = {
  instantiateWasm(imports, receive) {
    receive(new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(WASM_BASE64, 'base64')), imports));
    return {};
  },
};
loadYoga(module);
export default wrapAssembly(module);
export * from './generated/YGEnums.js';
`;

function replaceExactly(text, search, replacement, count, file) {
  const parts = text.split(search);
  if (parts.length - 1 !== count) throw new Error(`${file}: expected ${count}× ${String(search)}`);
  return parts.join(replacement);
}

export const exeBundlePlugin = {
  name: 'keypol-exe',
  setup(b) {
    b.onLoad({filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, async ({path}) => {
      replaceExactly(await readFile(path, 'utf8'), 'await loadYoga()', '', 1, path);
      return {contents: YOGA_INDEX, loader: 'js'};
    });
    b.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async ({path}) => {
      const text = await readFile(path, 'utf8');
      const wasm = YOGA_DATA_URL.exec(text)?.[1];
      if (!wasm || !text.includes('instantiateWasm')) throw new Error(`${path}: no inline wasm to load`);
      return {
        contents: `${text.replace(YOGA_DATA_URL, '""')}\nexport const WASM_BASE64 = "${wasm}";\n`,
        loader: 'js',
      };
    });
    b.onLoad({filter: /ink[\\/]build[\\/]reconciler\.js$/}, async ({path}) => {
      const text = await readFile(path, 'utf8');
      return {
        contents: replaceExactly(text, "process.env['DEV'] === 'true'", 'false', 2, path),
        loader: 'js',
      };
    });
  },
};
