// Exit codes, as documented in the README: scripts branch on these.
export const EXIT = {
  ok: 0,
  /** An API or runtime error. */
  error: 1,
  /** keypol diff only, as diff(1): the policies differ. */
  differ: 1,
  /** Bad flags or arguments. */
  usage: 2,
  /** Refused by validation, lint, the lockout check, read-only mode or an AWS managed key. */
  refused: 3,
  /** The live policy changed since it was read. */
  conflict: 4,
  /** A confirmation was needed and not given. */
  notConfirmed: 5,
} as const;

/** Thrown for a command line keypol cannot act on; main prints it and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Refused before anything else happens (e.g. a policy file over the size limit); main exits 3. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
}
