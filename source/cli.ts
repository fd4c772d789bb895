// Entry point: hands the process's streams to the command line. Kept tiny so that start-up
// loads only what the chosen path needs (each path is a lazily imported chunk).
import {main} from './commands/main.js';

main(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
}).then(
  code => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`keypol: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
