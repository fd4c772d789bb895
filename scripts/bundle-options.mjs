// The esbuild options both builds share: the split ESM bundle for npm (scripts/build.mjs) and the
// one-file bundle inside the executable (scripts/build-exe.mjs). `kind` says which, for --version.
import {execFileSync} from 'node:child_process';

// A small young generation: the SDK's per-request garbage then dies young instead of growing the
// heap (10,000 keys fully loaded: ~390 → ~260 MiB peak RSS, no slower; bench/NOTES.md). V8 fixes
// this size at start-up, so it has to be a launch flag: the npm bin's shebang, the executable's
// execArgv.
export const NODE_FLAGS = ['--max-semi-space-size=2'];

/** The commit the build came from ("+dirty" with uncommitted changes), or "unknown" outside git. */
function commit() {
  try {
    const git = (...args) =>
      execFileSync('git', args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
    const head = git('rev-parse', '--short=12', 'HEAD').trim();
    return git('status', '--porcelain', '--untracked-files=no').trim() ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

export function bundleOptions(kind) {
  return {
    bundle: true,
    platform: 'node',
    // Prefer ES builds: jsonc-parser's UMD `main` hides its requires from the bundler.
    mainFields: ['module', 'main'],
    minify: true,
    // ink imports react-devtools-core lazily; marking it external crashes at start (stack.md).
    alias: {'react-devtools-core': './scripts/devtools-stub.mjs'},
    define: {
      'process.env.NODE_ENV': '"production"',
      KEYPOL_BUILD: JSON.stringify({kind, commit: commit()}),
    },
    logLevel: 'warning',
  };
}
