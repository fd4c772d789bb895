// Entry point: decides between the TUI and a subcommand. Kept tiny so that start-up
// loads only what the chosen path needs (each path is a lazily imported chunk).
const USAGE = `keypol — AWS KMS key policies in your terminal

Usage:
  keypol [--sandbox]            open the TUI
  keypol --help                 this text
`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  process.stderr.write(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`keypol: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
