// Entry point: hands the process's streams to the command line. Kept tiny so that start-up
// loads only what the chosen path needs (each path is a lazily imported chunk).
import module from 'node:module';
import {main} from './commands/main.js';

// V8's code cache for the lazily imported chunks (Ink, React, the SDK): later starts skip compiling
// them (TUI first rows, demo: median 547 → 502 ms in bench row 2). A no-op where it cannot write.
module.enableCompileCache?.();

const EXIT_GRACE_MS = 100;

main(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
}).then(
  code => {
    process.exitCode = code;
    // Nothing keypol still runs matters now, but an aborted SDK request may still hold a retry
    // back-off timer (up to 20 s): don't make the operator wait for the prompt. Unref'd, so a
    // process with nothing pending exits at once; stdout's write callback lets piped output drain.
    setTimeout(() => process.stdout.write('', () => process.exit()), EXIT_GRACE_MS).unref();
  },
  (error: unknown) => {
    process.stderr.write(`keypol: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
