// KMS returns key policies re-serialised by Jackson's DefaultPrettyPrinter (kms-facts §2.3, §3.1),
// with `Version`, `Id` and `Statement` first. The print style itself is source/policy's printPolicy:
// keypol writes policies the way KMS shows them, and the sandbox stores them that way — one printer.
import {printPolicy} from '../policy/index.js';

/**
 * Pretty-prints like GetKeyPolicy does. Keys are policy text (untrusted): only own properties
 * count, and the result is built with own data properties (fromEntries), so keys named like
 * Object.prototype members ("__proto__", "constructor", "toString") are kept as ordinary keys.
 */
export function jacksonPolicy(document: {[key: string]: unknown}): string {
  const keys = new Set(['Version', 'Id', 'Statement', ...Object.keys(document)]);
  const ordered = [...keys]
    .filter(key => Object.hasOwn(document, key))
    .map(key => [key, document[key]] as const);
  return printPolicy(Object.fromEntries(ordered));
}
