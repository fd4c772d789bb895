// Row 4, in this process: highlight and render a 32 KB policy (the policy tab, as the TUI draws
// it), canonical diff of two 32 KB policies, and classifying 10,000 policies as the key list does.
import {createElement} from 'react';
import {renderToString} from 'ink';
import type {KeyDetails} from '../source/aws/types.js';
import {
  assessChange,
  classifyPolicy,
  diffPolicies,
  parsePolicy,
  sanitizeText,
  tokenizeJson,
  type KeyInfo,
  type PolicyDocument,
} from '../source/policy/index.js';
import {SANDBOX_ACCOUNT} from '../source/sandbox/identity.js';
import {seedDemo} from '../source/sandbox/seed/demo.js';
import {seedGenerated} from '../source/sandbox/seed/generated.js';
import {keyArn, policyText, SandboxState, type KeyRecord} from '../source/sandbox/state.js';
import {buildPolicyModel} from '../source/ui/hooks/usePolicy.js';
import {KeyInputRouter} from '../source/ui/keyInput.js';
import {PolicyTab} from '../source/ui/screens/keyDetail/PolicyTab.js';
import type {BenchContext} from './context.js';
import {measured, notMeasured, type Row} from './report.js';

const SECTION = '4';
const REGION = 'us-east-1';
const CLASSIFY_COUNT = 10_000;

function timed(runs: number, work: () => void): number[] {
  work(); // warm-up: in the TUI, Ink and the policy code are compiled long before a policy opens
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times;
}

const keyInfo = (record: KeyRecord): KeyInfo => ({
  accountId: SANDBOX_ACCOUNT,
  keySpec: record.keySpec,
  keyUsage: record.keyUsage,
  origin: record.origin,
  multiRegion: record.multiRegionConfiguration !== undefined,
  keyManager: record.keyManager,
});

function details(record: KeyRecord, alias: string): KeyDetails {
  return {
    ...keyInfo(record),
    keyId: record.keyId,
    arn: keyArn(REGION, SANDBOX_ACCOUNT, record.keyId),
    aliases: [alias],
    state: record.keyState,
    enabled: record.keyState === 'Enabled',
    description: record.description,
  };
}

/** The demo account's near-size-limit key: a real console policy grown to 32,400 bytes. */
function largePolicy(): {record: KeyRecord; text: string} {
  const state = new SandboxState(SANDBOX_ACCOUNT);
  seedDemo(state, Date.now() / 1000);
  const region = state.region(REGION);
  const target = region.aliases.get('alias/near-size-limit')?.targetKeyId;
  const record = target === undefined ? undefined : region.keys.get(target);
  if (!record) throw new Error('the demo seed has no alias/near-size-limit key');
  return {record, text: policyText(record)};
}

function parsed(text: string): PolicyDocument {
  const result = parsePolicy(text);
  if (!result.ok) throw new Error('the bench policy does not parse');
  return result.document;
}

/** A second large policy: a third of the users' principals replaced, and one action dropped. */
function edited(doc: PolicyDocument): string {
  const copy = structuredClone(doc) as {Statement: {Principal?: {AWS?: unknown}; Action?: unknown}[]};
  for (const statement of copy.Statement) {
    const aws = statement.Principal?.AWS;
    if (Array.isArray(aws) && aws.length > 30) {
      statement.Principal!.AWS = aws.map((arn, i) =>
        i % 3 === 0 ? String(arn).replace('worker', 'runner') : arn,
      );
    }
  }
  const admin = copy.Statement[1];
  if (Array.isArray(admin?.Action)) admin.Action = admin.Action.filter(a => a !== 'kms:Delete*');
  return JSON.stringify(copy); // compact: indented, it would pass KMS's 32 KB limit
}

/** One figure group; a failure (e.g. a component whose props changed) costs only its own rows. */
function attempt(label: string, budget: string, work: () => Row[]): Row[] {
  try {
    return work();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return [notMeasured(SECTION, label, `failed: ${message}`, budget)];
  }
}

const bytes = (s: string): string => Buffer.byteLength(s).toLocaleString('en-US');

/** The policy as GetKeyPolicy would hand it to the UI. */
const snapshotOf = (record: KeyRecord, text: string) => ({
  keyId: record.keyId,
  arn: keyArn(REGION, SANDBOX_ACCOUNT, record.keyId),
  text,
  sha256: '',
  fetchedAt: '',
});

function renderRows(runs: number, record: KeyRecord, text: string): Row[] {
  const snapshot = snapshotOf(record, text);
  const model = buildPolicyModel(snapshot, details(record, 'alias/near-size-limit'));
  let frame = '';
  const render = timed(runs, () => {
    const tab = createElement(PolicyTab, {model, width: 80, height: 19, isActive: false});
    frame = renderToString(createElement(KeyInputRouter, null, tab), {columns: 80});
  });
  if (!frame.includes('32,400 bytes')) throw new Error(`the policy tab rendered something else: ${frame}`);
  // The highlighting alone (the whole text); the rest of the render is Ink's layout of the view.
  const highlight = timed(runs, () => void tokenizeJson(sanitizeText(text, {keepNewlines: true})));
  return [
    measured(SECTION, RENDER, render, 'ms', 20, `${bytes(text)} bytes`),
    measured(SECTION, '… of which sanitise + tokenise the whole text', highlight, 'ms'),
  ];
}

function diffRows(runs: number, text: string): Row[] {
  const other = edited(parsed(text));
  let summary: string[] = [];
  const diff = timed(runs, () => {
    summary = diffPolicies(parsed(text), parsed(other)).summary;
  });
  if (summary[0] === 'no changes') throw new Error('the bench diff found no changes');
  const parseBoth = timed(runs, () => void [parsed(text), parsed(other)]);
  const [before, after] = [parsed(text), parsed(other)];
  const diffOnly = timed(runs, () => void diffPolicies(before, after));
  return [
    measured(SECTION, DIFF, diff, 'ms', 20, `${bytes(text)} and ${bytes(other)} bytes`),
    measured(SECTION, '… of which parsePolicy × 2', parseBoth, 'ms'),
    measured(
      SECTION,
      '… of which diffPolicies',
      diffOnly,
      'ms',
      undefined,
      `${summary.length} summary lines`,
    ),
  ];
}

/** What opening the key costs beside drawing it: access view, lint, explanation; and a change's risk. */
function analysisRows(runs: number, record: KeyRecord, text: string): Row[] {
  const snapshot = snapshotOf(record, text);
  const key = details(record, 'alias/near-size-limit');
  const caller = `arn:aws:iam::${SANDBOX_ACCOUNT}:root`;
  let administrators = 0;
  const model = timed(runs, () => {
    administrators = buildPolicyModel(snapshot, key, caller).access?.administrators.length ?? 0;
  });
  if (administrators === 0) throw new Error('the access view of the bench policy names no administrator');
  const other = edited(parsed(text));
  let level = '';
  const assess = timed(runs, () => {
    level = assessChange(text, other, {key: keyInfo(record), callerArn: caller}).level;
  });
  return [
    measured(SECTION, ANALYSE, model, 'ms', 500, `${administrators} administrators`),
    measured(SECTION, ASSESS, assess, 'ms', 500, `confirmation: ${level}`),
  ];
}

function classifyRows(runs: number): Row[] {
  const state = new SandboxState(SANDBOX_ACCOUNT);
  seedGenerated(state, CLASSIFY_COUNT, Date.now() / 1000);
  const keys = [...state.region(REGION).keys.values()].map(r => ({text: policyText(r), info: keyInfo(r)}));
  const kinds = new Set<string>();
  const classify = timed(runs, () => {
    for (const {text, info} of keys) kinds.add(classifyPolicy(parsed(text), info).label);
  });
  return [measured(SECTION, CLASSIFY, classify, 'ms', 1000, `${keys.length} keys, ${kinds.size} labels`)];
}

const RENDER = 'highlight + render a 32 KB policy (policy tab, 80×19)';
const DIFF = 'canonical diff of two 32 KB policies (parse both + diff)';
const CLASSIFY = 'classify 10,000 policies (parse + classify)';
const ANALYSE = 'analyse a 32 KB policy on opening it (access view, lint, explanation)';
const ASSESS = "a change's risk on a 32 KB policy (before and after, lockout)";

export function benchPolicyScale(ctx: BenchContext): Row[] {
  const {record, text} = largePolicy();
  // The fast figures get more runs: they are cheap, and a median of few is noisy on a busy machine.
  return [
    ...attempt(RENDER, '≤ 20.0 ms', () => renderRows(ctx.runs * 3, record, text)),
    ...attempt(DIFF, '≤ 20.0 ms', () => diffRows(ctx.runs * 3, text)),
    ...attempt(CLASSIFY, '≤ 1000 ms', () => classifyRows(Math.min(ctx.runs, 5))),
    ...attempt(ANALYSE, '≤ 500 ms', () => analysisRows(Math.min(ctx.runs, 5), record, text)),
  ];
}
