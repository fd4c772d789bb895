// One key: the policy, access, findings and history tabs, and the entry points of every change
// (u upgrade, a access wizard, e raw edit, Enter on a backup). Changes run as flows in place of
// the tabs and all end in ConfirmChange → the gateway's write path; afterwards the tabs show the
// verified policy the write path read back.
import React, {useCallback, useEffect, useState} from 'react';
import {Box, Text, useInput, useWindowSize} from 'ink';
import type {BackupEntry, KeyDetails, KeySummary, PolicySnapshot} from '../../../aws/types.js';
import {parsePolicy, sanitizeText} from '../../../policy/index.js';
import type {ParseError} from '../../../policy/types.js';
import {useGateway, useOverlayOpen, useTheme} from '../../context.js';
import {editorCommand, useEditor} from '../../hooks/useEditor.js';
import {errorMessage, usePolicy, type PolicyModel} from '../../hooks/usePolicy.js';
import {useProposedChange, type ProposedChange} from '../../hooks/useProposedChange.js';
import {actionFor} from '../../keymap.js';
import {AccessWizard} from '../AccessWizard.js';
import {ConfirmChange} from '../ConfirmChange.js';
import {UpgradeWalkthrough} from '../UpgradeWalkthrough.js';
import {AccessTab} from './AccessTab.js';
import {EditProblem} from './EditProblem.js';
import {FindingsTab} from './FindingsTab.js';
import {HistoryTab} from './HistoryTab.js';
import {KeyTitle, TabBar, TAB_NAMES} from './TabBar.js';
import {PolicyTab} from './PolicyTab.js';
import {changeRefusal} from './changeRefusal.js';

export interface KeyDetailScreenProps {
  summary: KeySummary;
  details?: KeyDetails;
  onBack: () => void;
  onChanged: (details?: KeyDetails) => void;
  /** The space the app shell leaves for the screen; the terminal's size when not given. */
  width?: number;
  height?: number;
}

type Mode =
  | {name: 'tabs'}
  // A flow keeps the model it started from: the reload after its write must not re-plan under it.
  | {name: 'upgrade'; model: PolicyModel}
  | {name: 'wizard'; model: PolicyModel}
  | {name: 'editing'}
  | {name: 'edit-invalid'; text: string; errors: ParseError[]}
  | {
      name: 'confirm';
      title: string;
      action: string;
      change: ProposedChange;
      replan: (live: PolicySnapshot) => ProposedChange;
    };

export function KeyDetailScreen({summary, details, onBack, onChanged, ...size}: KeyDetailScreenProps) {
  const gateway = useGateway();
  const theme = useTheme();
  const terminal = useWindowSize();
  const width = size.width ?? terminal.columns;
  const height = size.height ?? terminal.rows;
  const [key, setKey] = useState(details);
  const [keyError, setKeyError] = useState<string>();

  useEffect(() => {
    if (key) return;
    let live = true;
    gateway.describeKey(summary.keyId).then(
      d => live && setKey(d),
      error => live && setKeyError(errorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [gateway, key, summary.keyId]);

  if (!key) {
    return (
      <Box width={width} height={height} flexDirection="column">
        <Text color={keyError ? theme.danger : theme.muted}>
          {keyError ?? `Reading ${sanitizeText(summary.keyId)}…`}
        </Text>
        {keyError ? <BackOnEsc onBack={onBack} /> : null}
      </Box>
    );
  }
  return <KeyDetail keyDetails={key} onBack={onBack} onChanged={onChanged} width={width} height={height} />;
}

interface KeyDetailProps {
  keyDetails: KeyDetails;
  onBack: () => void;
  onChanged: (details?: KeyDetails) => void;
  width: number;
  height: number;
}

/** The screen once DescribeKey has answered: everything below needs the key's metadata. */
function KeyDetail({keyDetails, onBack, onChanged, width, height}: KeyDetailProps) {
  const theme = useTheme();
  const [tab, setTab] = useState(0);
  const [mode, setMode] = useState<Mode>({name: 'tabs'});
  const [status, setStatus] = useState<string>();
  const [historyRound, setHistoryRound] = useState(0);
  const {state, reload, replace} = usePolicy(keyDetails);
  const propose = useProposedChange(keyDetails);
  const edit = useEditor();
  const model = state.status === 'ready' ? state.model : undefined;
  const overlay = useOverlayOpen();

  const toTabs = useCallback(() => setMode({name: 'tabs'}), []);
  const written = useCallback(
    (after: PolicySnapshot) => {
      replace(after);
      setHistoryRound(r => r + 1);
      onChanged(keyDetails);
    },
    [replace, onChanged, keyDetails],
  );

  const startEdit = async (m: PolicyModel, text: string) => {
    setMode({name: 'editing'});
    const result = await edit(text, `${keyDetails.keyId}.json`);
    if (!result.ok) {
      setStatus(sanitizeText(result.message));
      return toTabs();
    }
    const parsed = parsePolicy(result.text);
    if (!parsed.ok) return setMode({name: 'edit-invalid', text: result.text, errors: parsed.errors});
    if (result.text === m.snapshot.text) {
      setStatus('The policy was not changed in the editor.');
      return toTabs();
    }
    const replan = (live: PolicySnapshot) => propose(live, result.text, 'raw-edit');
    setMode({
      name: 'confirm',
      title: 'Raw edit',
      action: 'Write the edited policy',
      change: replan(m.snapshot),
      replan,
    });
  };

  const restore = (m: PolicyModel, entry: BackupEntry) => {
    const replan = (live: PolicySnapshot) => propose(live, entry.text, 'restore');
    const when = sanitizeText(entry.time);
    setMode({
      name: 'confirm',
      title: 'Restore a backup',
      action: `Restore the policy saved ${when}`,
      change: replan(m.snapshot),
      replan,
    });
  };

  useInput(
    (input, key) => {
      const act = actionFor('keyDetail', input, key);
      setStatus(undefined);
      if (act === 'back') onBack();
      else if (act === 'nextTab') setTab((tab + 1) % TAB_NAMES.length);
      else if (act === 'prevTab') setTab((tab + TAB_NAMES.length - 1) % TAB_NAMES.length);
      else if (act === 'tab') setTab(Number(input) - 1);
      else if (act === 'reload') reload();
      else if ((act === 'upgrade' || act === 'access' || act === 'edit') && model) {
        const refusal = changeRefusal(act, keyDetails, model);
        if (refusal) setStatus(refusal);
        else if (act === 'upgrade') setMode({name: 'upgrade', model});
        else if (act === 'access') setMode({name: 'wizard', model});
        else void startEdit(model, model.snapshot.text);
      }
    },
    {isActive: mode.name === 'tabs' && !overlay},
  );

  const flowHeight = Math.max(3, height - 1);
  const flow = {keyDetails, propose, onWritten: written, onClose: toTabs, width, height: flowHeight};
  const title = <KeyTitle keyDetails={keyDetails} model={model} width={width} />;
  let content: React.ReactNode;
  if (mode.name === 'upgrade') content = <UpgradeWalkthrough {...flow} model={mode.model} />;
  else if (mode.name === 'wizard') content = <AccessWizard {...flow} model={mode.model} />;
  else if (mode.name === 'confirm') {
    content = (
      <ConfirmChange
        {...flow}
        change={mode.change}
        title={mode.title}
        action={mode.action}
        replan={mode.replan}
      />
    );
  } else if (model && mode.name === 'edit-invalid') {
    content = (
      <EditProblem
        text={mode.text}
        errors={mode.errors}
        onEditAgain={() => void startEdit(model, mode.text)}
        onDiscard={toTabs}
        width={width}
        height={flowHeight}
      />
    );
  }
  if (content) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        {title}
        {content}
      </Box>
    );
  }

  const bodyHeight = Math.max(1, height - 3);
  const tabProps = {width, height: bodyHeight, isActive: mode.name === 'tabs'};
  let body: React.ReactNode;
  if (mode.name === 'editing')
    body = <Text color={theme.muted}>Editing the policy in {sanitizeText(editorCommand())}…</Text>;
  else if (state.status === 'error')
    body = <Text color={theme.danger}>{state.message} Press r to try again.</Text>;
  else if (!model) body = <Text color={theme.muted}>Reading the key policy…</Text>;
  else if (tab === 0) body = <PolicyTab model={model} {...tabProps} />;
  else if (tab === 1) body = <AccessTab model={model} accountId={keyDetails.accountId} {...tabProps} />;
  else if (tab === 2) body = <FindingsTab model={model} {...tabProps} />;
  else {
    body = (
      <HistoryTab
        key={historyRound}
        keyDetails={keyDetails}
        {...tabProps}
        onRestore={entry => restore(model, entry)}
      />
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {title}
      <TabBar active={tab} model={model} />
      <Box height={bodyHeight} flexDirection="column" overflow="hidden">
        {body}
      </Box>
      <Text color={status ? theme.warning : theme.muted} wrap="truncate-end">
        {status ?? ' '}
      </Text>
    </Box>
  );
}

function BackOnEsc({onBack}: {onBack: () => void}) {
  const overlay = useOverlayOpen();
  useInput(
    (input, key) => {
      if (actionFor('keyDetail', input, key) === 'back') onBack();
    },
    {isActive: !overlay},
  );
  return <Text dimColor>Esc back</Text>;
}
