import './keyDetail/env.js';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {keyInfoOf} from '../../source/aws/types.js';
import {accessModel, parsePolicy} from '../../source/policy/index.js';
import {runEditor} from '../../source/ui/hooks/useEditor.js';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {KEY, press} from './ink-helpers.js';
import {openKey, plain, waitForText} from './keyDetail/harness.js';

const EDITOR_SCRIPT = fileURLToPath(new URL('../fixtures/editors/two-step.mjs', import.meta.url));
const OVERSIZE_SCRIPT = fileURLToPath(new URL('../fixtures/editors/oversize.mjs', import.meta.url));
let fx: SandboxFixture;
let scratch: string;
before(async () => {
  fx = await withSandbox();
  scratch = mkdtempSync(join(tmpdir(), 'keypol-editor-test-'));
});
after(async () => {
  await fx.cleanup();
  rmSync(scratch, {recursive: true, force: true});
});

interface EditorCall {
  call: number;
  mode: number;
  text: string;
}

function useScriptedEditor(name: string, script = EDITOR_SCRIPT): () => EditorCall[] {
  const log = join(scratch, `${name}.jsonl`);
  delete process.env.VISUAL;
  process.env.EDITOR = `"${process.execPath}" "${script}"`;
  process.env.KEYPOL_TEST_EDITOR_LOG = log;
  return () =>
    readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line) as EditorCall);
}

test('raw edit: an invalid edit shows line and column, editing again keeps the text, then diff, confirm, written', async () => {
  const calls = useScriptedEditor('round-trip');
  const {r, details} = await openKey(fx.gateway, 'alias/console-current');
  const original = (await fx.gateway.getPolicy(details.keyId)).text;

  await press(r, 'e');
  const problem = await waitForText(r, 'not valid JSON');
  assert.match(problem, /Line 2, column \d+: expected a value/);
  assert.match(problem, /Enter\/e edit again \(your text is kept\)/);
  assert.equal(calls()[0]?.text, original, 'the editor got the live policy text');
  assert.equal(calls()[0]?.mode, 0o600, 'in a file only the operator can read');

  await press(r, KEY.enter);
  const review = await waitForText(r, 'Raw edit · Review');
  assert.match(calls()[1]?.text ?? '', /"Broken": ,/, 'the second edit started from the broken text');
  assert.match(review, /role\/Editor/);
  await press(r, KEY.enter);
  await waitForText(r, 'Press y to write it');
  await press(r, 'y');
  await waitForText(r, 'Policy written and verified');

  const parsed = parsePolicy((await fx.gateway.getPolicy(details.keyId)).text);
  assert.ok(parsed.ok);
  const users = accessModel(parsed.document, keyInfoOf(details)).users.map(u => u.value);
  assert.ok(users.includes('arn:aws:iam::111122223333:role/Editor'));
  r.unmount();
});

test('raw edit refused for size: e edits again from the refused text, not the live policy', async () => {
  const calls = useScriptedEditor('oversize', OVERSIZE_SCRIPT);
  const {r, details} = await openKey(fx.gateway, 'alias/console-v3');
  const before = (await fx.gateway.getPolicy(details.keyId)).sha256;
  await press(r, 'e');
  const review = await waitForText(r, 'This policy cannot be written');
  assert.match(review, /32,?768/);
  assert.match(review, /e edit again \(your text is kept\)/);
  await press(r, 'e');
  await waitForText(r, 'Raw edit · Review');
  assert.equal(calls().length, 2);
  assert.match(calls()[1]?.text ?? '', / {40000}$/, 'the second edit started from the refused text');
  assert.doesNotMatch(plain(r.lastFrame()), /cannot be written/);
  // Esc/q from here goes back to the tabs; nothing was written.
  await press(r, 'q');
  await waitForText(r, '1 Policy');
  assert.equal((await fx.gateway.getPolicy(details.keyId)).sha256, before);
  r.unmount();
});

test('an editor that does not exist is named, with how to choose another', () => {
  const missing = runEditor('{}', 'k.json', {...process.env, VISUAL: 'no-such-editor-keypol'});
  assert.equal(missing.ok, false);
  assert.match(missing.ok ? '' : missing.message, /"no-such-editor-keypol" was not found: set \$EDITOR/);
});

test('raw edit: Esc on the invalid-JSON screen discards the edit and writes nothing', async () => {
  useScriptedEditor('discard');
  const {r, details} = await openKey(fx.gateway, 'alias/console-v3');
  const before = (await fx.gateway.getPolicy(details.keyId)).sha256;
  await press(r, 'e');
  await waitForText(r, 'not valid JSON');
  await press(r, KEY.escape);
  await waitForText(r, '1 Policy');
  assert.equal((await fx.gateway.getPolicy(details.keyId)).sha256, before);
  r.unmount();
});

test('raw edit that only reformats the policy: the review says there are no changes and cannot confirm', async () => {
  delete process.env.VISUAL;
  const reformat =
    'const fs=require("fs");const f=process.argv[1];' +
    'fs.writeFileSync(f,JSON.stringify(JSON.parse(fs.readFileSync(f,"utf8")),null,4))';
  process.env.EDITOR = `"${process.execPath}" -e '${reformat}'`;
  const {r, details} = await openKey(fx.gateway, 'alias/console-v3');
  const before = (await fx.gateway.getPolicy(details.keyId)).sha256;
  await press(r, 'e');
  assert.match(
    await waitForText(r, 'Raw edit · Review'),
    /No changes: the new policy means the same as the current one/,
  );
  await press(r, KEY.enter);
  await waitForText(r, '1 Policy');
  assert.equal((await fx.gateway.getPolicy(details.keyId)).sha256, before);
  r.unmount();
});

test('runEditor: the temporary file is removed afterwards; a failing editor is reported, not thrown', () => {
  const seen = join(scratch, 'seen-path');
  const result = runEditor('{}', 'k.json', {
    ...process.env,
    VISUAL: `sh -c 'echo "$1" > ${seen}; echo edited > "$1"' sh`,
  });
  assert.deepEqual(result, {ok: true, text: 'edited\n'});
  const path = readFileSync(seen, 'utf8').trim();
  assert.throws(() => readFileSync(path), /ENOENT/);
  const failed = runEditor('{}', 'k.json', {...process.env, VISUAL: 'false'});
  assert.equal(failed.ok, false);
  assert.match(failed.ok ? '' : failed.message, /exited with status 1; nothing was changed/);
});
