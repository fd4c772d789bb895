// KMS returns key policies re-serialised by Jackson's DefaultPrettyPrinter (kms-facts §2.3, §3.1),
// with `Version`, `Id` and `Statement` first. The print style itself is source/policy's printPolicy:
// keypol writes policies the way KMS shows them, and the sandbox stores them that way — one printer.
import {printPolicy} from '../policy/index.js';

/** Pretty-prints like GetKeyPolicy does. */
export function jacksonPolicy(document: {[key: string]: unknown}): string {
  const ordered: {[key: string]: unknown} = {};
  for (const key of ['Version', 'Id', 'Statement', ...Object.keys(document)]) {
    if (key in document && !(key in ordered)) ordered[key] = document[key];
  }
  return printPolicy(ordered);
}
