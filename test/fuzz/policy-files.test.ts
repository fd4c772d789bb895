// Fuzz: policy files through the real file reader, then parse, validate, lint, print and the
// terminal sanitiser — as `keypol put/diff FILE` does. Every input ends in a result or in one of
// the reader's own refusals (UsageError, RefusedError), never in another exception.
// Bounded and seeded: KEYPOL_FUZZ_RUNS (default 200) and KEYPOL_FUZZ_SEED; `npm run fuzz` runs longer.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import fc from 'fast-check';
import {readPolicyFile} from '../../source/commands/policy-file.js';
import {RefusedError, UsageError} from '../../source/commands/exit.js';
import type {CommandContext} from '../../source/commands/context.js';
import {
  escapeJsonText,
  lintPolicy,
  parsePolicy,
  printPolicy,
  sanitizeText,
  validatePolicy,
} from '../../source/policy/index.js';
import {KEYS, fixtureText} from '../policy/helpers.js';

const RUNS = Number(process.env.KEYPOL_FUZZ_RUNS ?? 200);
const SEED = Number(process.env.KEYPOL_FUZZ_SEED ?? 20261202);
const FIXTURES = [
  'console-v1',
  'console-current',
  'key-default-1',
  'aws-managed-auto-ebs-2',
  'deleted-principal',
];

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keypol-fuzz-'));
});
after(() => rm(dir, {recursive: true, force: true}));

/** Byte-level damage to a real policy: the kind of file an editor, a paste or a disk leaves. */
const mutation = fc.oneof(
  fc.record({kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({maxLength: 8})}),
  fc.record({kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({max: 40})}),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: fc.nat(),
    length: fc.nat({max: 200}),
    times: fc.nat({max: 300}),
  }),
  fc.record({kind: fc.constant('truncate' as const), at: fc.nat()}),
  fc.record({
    kind: fc.constant('token' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '{',
      '[',
      '}',
      ']',
      '"',
      ',',
      ':',
      '\\u0000',
      '\\ud800',
      '\ufeff',
      '\u202e',
      '"__proto__":1,',
      '"Id":5,',
      'null',
      '1e999',
      '-',
      '\r',
    ),
  }),
);

function damage(source: Buffer, list: {kind: string; at: number; [k: string]: unknown}[]): Buffer {
  let bytes = source;
  for (const m of list) {
    const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
    const [head, tail] = [bytes.subarray(0, at), bytes.subarray(at)];
    if (m.kind === 'insert') bytes = Buffer.concat([head, Buffer.from(m.bytes as Uint8Array), tail]);
    else if (m.kind === 'delete') bytes = Buffer.concat([head, tail.subarray(m.length as number)]);
    else if (m.kind === 'repeat') {
      const slice = tail.subarray(0, m.length as number);
      bytes = Buffer.concat([
        head,
        ...Array<Buffer>((m.times as number) + 1).fill(slice),
        tail.subarray(slice.length),
      ]);
    } else if (m.kind === 'truncate') bytes = head;
    else bytes = Buffer.concat([head, Buffer.from(m.text as string), tail]);
  }
  return bytes;
}

const fileContent: fc.Arbitrary<Buffer> = fc.oneof(
  fc
    .record({name: fc.constantFrom(...FIXTURES), mutations: fc.array(mutation, {minLength: 1, maxLength: 4})})
    .map(({name, mutations}) => damage(Buffer.from(fixtureText(name)), mutations)),
  fc.jsonValue({maxDepth: 6}).map(v => Buffer.from(JSON.stringify(v) ?? '')),
  fc.uint8Array({maxLength: 300}).map(a => Buffer.from(a)),
  fc.nat({max: 200}).map(n => Buffer.from('['.repeat(n * 10) + ']'.repeat(n * 10))),
);

function context(): CommandContext {
  const sink = {write: () => true};
  return {
    gateway: undefined as never,
    stdout: sink,
    stderr: sink,
    stdin: new PassThrough(),
    json: false,
    yes: false,
    color: false,
    cwd: dir,
  };
}

test('fuzz: policy files through the reader, parse, validate, lint and print never throw', async t => {
  const started = performance.now();
  let n = 0;
  const outcomes = {read: 0, refused: 0, valid: 0};
  await fc.assert(
    fc.asyncProperty(fileContent, async content => {
      const file = `f${n++}.json`;
      await writeFile(join(dir, file), content);
      let text: string;
      try {
        text = await readPolicyFile(context(), file);
      } catch (error) {
        if (error instanceof UsageError || error instanceof RefusedError) return void outcomes.refused++;
        throw error;
      }
      outcomes.read++;
      const findings = validatePolicy(text);
      for (const finding of findings) sanitizeText(finding.message);
      const parsed = parsePolicy(text);
      if (parsed.ok) {
        if (!findings.some(f => f.severity === 'error')) outcomes.valid++;
        for (const key of Object.values(KEYS)) lintPolicy(parsed.document, {key, text});
        const printed = printPolicy(parsed.document);
        assert.ok(parsePolicy(printed).ok, 'what keypol prints parses again');
        escapeJsonText(JSON.stringify(parsed.document));
      }
      sanitizeText(text, {keepNewlines: true});
    }),
    {numRuns: RUNS, seed: SEED, includeErrorInReport: true},
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  t.diagnostic(
    `policy-file fuzz: ${RUNS} runs, seed ${SEED}, ${seconds} s; read ${outcomes.read} (valid ${outcomes.valid}), refused by the reader ${outcomes.refused}`,
  );
});
