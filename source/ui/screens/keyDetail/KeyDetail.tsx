// The key detail once DescribeKey has answered: the policy, access, findings and history tabs,
// and the entry points of every change (u upgrade, a access wizard, e raw edit, Enter on a
// backup). Changes run as flows in place of the tabs and all end in ConfirmChange → the gateway's
// write path; afterwards the tabs show the verified policy the write path read back.
import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeyInput} from '../../keyInput.js';
import type {
  BackupEntry,
  KeyActionOutcome,
  KeyDetails,
  KeyGrant,
  PolicySnapshot,
} from '../../../aws/types.js';
import {parsePolicy, sanitizeText, utcTime} from '../../../policy/index.js';
import type {ParseError} from '../../../policy/types.js';
import {wrapWords, type Line} from '../../components/LineView.js';
import {useGateway, useOffKeys, useOverlayOpen, useScreen, useTheme} from '../../context.js';
import {useCopy} from '../../hooks/useCopy.js';
import {useGrants} from '../../hooks/useGrants.js';
import {editorCommand, useEditor} from '../../hooks/useEditor.js';
import {usePolicy, type PolicyModel} from '../../hooks/usePolicy.js';
import {useProposedChange, type ProposedChange} from '../../hooks/useProposedChange.js';
import {confirmedDeleted, useUniqueIds} from '../../hooks/useUniqueIds.js';
import {actionFor, splitKeys} from '../../keymap.js';
import {badgeTone} from '../../theme.js';
import {AccessWizard} from '../AccessWizard.js';
import {ConfirmChange} from '../ConfirmChange.js';
import {UpgradeWalkthrough} from '../UpgradeWalkthrough.js';
import {AccessTab} from './AccessTab.js';
import {DetailsTab} from './DetailsTab.js';
import {grantFindingLines, whoCanUseLines} from './grantSections.js';
import {GrantsTab, grantLines, NO_PLACE, type GrantsPlace} from './GrantsTab.js';
import {KeyActionFlow, type KeyActionFlowProps} from './KeyActionFlow.js';
import {actionRefusal} from './changeRefusal.js';
import {EditProblem} from './EditProblem.js';
import {FindingsTab} from './FindingsTab.js';
import {HistoryTab} from './HistoryTab.js';
import {keyTitleLines} from './keyTitle.js';
import {KeyTitle, TabBar, TAB_NAMES} from './TabBar.js';
import {PolicyTab} from './PolicyTab.js';
import {changeRefusal, offChanges} from './changeRefusal.js';
import {planRemoval} from './removeDeleted.js';

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
      replan: (live: PolicySnapshot) => ProposedChange | string;
      intro?: Line[];
      /** A raw edit: reopen the editor on this text (the operator's, never the live policy). */
      editAgain?: () => void;
    }
  // Revoke a grant, cancel the deletion, turn rotation on or off (KeyActionFlow).
  | {
      name: 'action';
      flow: Omit<KeyActionFlowProps, 'onDone' | 'onCancel' | 'width' | 'height'>;
      after: () => void;
    };

export interface KeyDetailProps {
  keyDetails: KeyDetails;
  onBack: () => void;
  onChanged: (details?: KeyDetails) => void;
  width: number;
  height: number;
}

/** The screen once DescribeKey has answered: everything below needs the key's metadata. */
export function KeyDetail({keyDetails, onBack, onChanged, width, height}: KeyDetailProps) {
  const theme = useTheme();
  const [tab, setTab] = useState(0);
  const [mode, setMode] = useState<Mode>({name: 'tabs'});
  const [status, setStatus] = useState<string>();
  const [historyRound, setHistoryRound] = useState(0);
  // The policy view's search field has the keyboard: 1-4, q and the rest are text meanwhile.
  const [typing, setTyping] = useState(false);
  const copy = useCopy();
  const {state, reload, replace} = usePolicy(keyDetails);
  const propose = useProposedChange(keyDetails);
  const edit = useEditor();
  const model = state.status === 'ready' ? state.model : undefined;
  const overlay = useOverlayOpen();
  const {info} = useGateway();
  const readOnly = info.readOnly ? (info.readOnlySource ?? '--read-only') : undefined;
  const grants = useGrants(keyDetails);
  const grantsPlace = useRef<GrantsPlace>(NO_PLACE);
  const [detailsRound, setDetailsRound] = useState(0);
  // The Access and Findings tabs resolve the policy's unique ids with IAM; d removes the deleted ones.
  const iamTab = tab === 1 || tab === 2;
  const unique = useUniqueIds(model, iamTab);
  const removalRefusal = model ? changeRefusal('access', keyDetails, model, readOnly) : undefined;
  const removable = !removalRefusal && confirmedDeleted(unique.ids).length > 0;
  useScreen('access', mode.name === 'tabs' && iamTab && removable);
  // The Access, Findings and Grants tabs need the grants: they are read the first time one opens.
  useEffect(() => {
    if (tab === 1 || tab === 2 || tab === 4) grants.want();
  }, [tab, grants]);
  const gateway = useGateway();
  const whoLines = useMemo(
    () => whoCanUseLines(model?.access, grants.state, keyDetails, width, theme, unique.ids),
    [model, grants.state, keyDetails, width, theme, unique.ids],
  );
  const grantFindings = useMemo(
    () => grantFindingLines(grants.state, keyDetails, width, theme),
    [grants.state, keyDetails, width, theme],
  );

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
      editAgain: () => void startEdit(m, result.text),
    });
  };

  const restore = (m: PolicyModel, entry: BackupEntry) => {
    if (changeRefusal('restore', keyDetails, m, readOnly)) return;
    const replan = (live: PolicySnapshot) => propose(live, entry.text, 'restore');
    const when = sanitizeText(utcTime(entry.time));
    setMode({
      name: 'confirm',
      title: 'Restore a backup',
      action: `Restore the policy saved ${when}`,
      change: replan(m.snapshot),
      replan,
    });
  };

  const removeDeleted = (m: PolicyModel) => {
    const plan =
      changeRefusal('access', keyDetails, m, readOnly) ?? planRemoval(m, unique.ids, propose, width, theme);
    if (typeof plan === 'string') return setStatus(plan);
    setMode({name: 'confirm', ...plan});
  };

  const revoke = (grant: KeyGrant) =>
    setMode({
      name: 'action',
      flow: {
        title: 'Revoke a grant',
        lines: grantLines(grant, keyDetails.accountId, width, theme),
        question: `Revoke grant ${grant.grantId.slice(0, 12)}… (its definition is saved first; recreated, it gets a new id)`,
        level: 'typed',
        names: [grant.grantId.slice(0, 8)],
        typedWhat: "the grant id's first 8 characters",
        run: () => gateway.revokeGrant({key: keyDetails, grant}),
      },
      after: grants.reload,
    });

  const keyAction = (act: 'cancelDeletion' | 'rotation') => {
    const refusal = actionRefusal(act, keyDetails, readOnly);
    if (refusal) return setStatus(refusal);
    if (act === 'cancelDeletion') {
      return setMode({
        name: 'action',
        flow: {
          title: 'Cancel the key deletion',
          lines: [
            [{text: `Deletion is scheduled for ${sanitizeText(utcTime(keyDetails.deletionDate ?? '?'))}.`}],
            [{text: 'After cancelling, the key is Disabled: enable it before use.'}],
          ],
          question: 'Cancel the scheduled deletion',
          level: 'simple',
          run: () => gateway.cancelKeyDeletion(keyDetails),
        },
        after: () => {
          setDetailsRound(r => r + 1);
          void gateway.describeKey(keyDetails.arn).then(
            d => onChanged(d),
            () => onChanged(keyDetails),
          );
        },
      });
    }
    void gateway.rotationStatus(keyDetails.arn).then(
      status => {
        if (!status) return setStatus('This kind of key does not rotate automatically.');
        const enable = !status.enabled;
        setMode({
          name: 'action',
          flow: {
            title: enable ? 'Turn automatic rotation on' : 'Turn automatic rotation off',
            lines: [
              [
                {
                  text: enable
                    ? 'KMS will rotate the key material every 365 days; old material still decrypts.'
                    : 'KMS will stop rotating the key material; existing material stays.',
                },
              ],
            ],
            question: enable ? 'Turn automatic rotation on' : 'Turn automatic rotation off',
            level: 'simple',
            run: () => gateway.setKeyRotation(keyDetails, enable),
          },
          after: () => setDetailsRound(r => r + 1),
        });
      },
      error => setStatus(sanitizeText((error as Error).message)),
    );
  };

  const actionDone = (after: () => void) => (outcome: KeyActionOutcome) => {
    setStatus(sanitizeText([outcome.message, ...outcome.warnings].join(' ')));
    setMode({name: 'tabs'});
    if (outcome.ok || outcome.applied !== false) after();
  };

  useKeyInput(
    (input, key) => {
      setStatus(undefined);
      // Keys of one read ("22", Tab Tab) each count; a key that leaves the tabs ends the run.
      for (const [i, k] of splitKeys(input, key)) {
        const act = actionFor('keyDetail', i, k);
        const count = TAB_NAMES.length;
        if (act === 'back') return onBack();
        else if (act === 'nextTab') setTab(t => (t + 1) % count);
        else if (act === 'prevTab') setTab(t => (t + count - 1) % count);
        else if (act === 'tab') setTab(Number(i) - 1);
        else if (act === 'reload') {
          reload();
          if (iamTab && unique.ids.status !== 'none') unique.refresh();
        } else if (iamTab && model && actionFor('access', i, k) === 'removeDeleted')
          return removeDeleted(model);
        else if (act === 'copy') setStatus(copy(keyDetails.arn, 'the key ARN'));
        else if (act === 'copyPolicy' && model) setStatus(copy(model.snapshot.text, 'the policy'));
        else if (tab === 5 && actionFor('details', i, k))
          return keyAction(actionFor('details', i, k) as 'cancelDeletion' | 'rotation');
        // The History tab leaves Enter alone when restoring is refused: its first line says why.
        else if (tab === 3 && actionFor('history', i, k) === 'restore') continue;
        else if ((act === 'upgrade' || act === 'access' || act === 'edit') && model) {
          const refusal = changeRefusal(act, keyDetails, model, readOnly);
          if (refusal) setStatus(refusal);
          else if (act === 'upgrade') setMode({name: 'upgrade', model});
          else if (act === 'access') setMode({name: 'wizard', model});
          else void startEdit(model, model.snapshot.text);
          return;
        } else if (act === 'upgrade' || act === 'access' || act === 'edit' || act === 'copyPolicy') {
          // No policy in hand yet (or it could not be read): say so rather than ignore the key.
          setStatus(
            state.status === 'error'
              ? 'The policy could not be read, so it cannot be changed or copied: press r to read it again.'
              : 'Still reading the policy: press the key again once it shows.',
          );
        }
      }
    },
    {isActive: mode.name === 'tabs' && !overlay && !typing},
  );

  const c = model?.classification;
  const titleLines = keyTitleLines(keyDetails, c?.label, width);
  const title = <KeyTitle lines={titleLines} tone={c && badgeTone(c)} />;
  const flowHeight = Math.max(3, height - titleLines.length);
  const flow = {keyDetails, propose, onWritten: written, onClose: toTabs, width, height: flowHeight};
  useOffKeys(mode.name === 'tabs' && model ? offChanges(keyDetails, model) : undefined);
  let content: React.ReactNode;
  if (mode.name === 'action') {
    content = (
      <KeyActionFlow
        {...mode.flow}
        onDone={actionDone(mode.after)}
        onCancel={toTabs}
        width={width}
        height={flowHeight}
      />
    );
  } else if (mode.name === 'upgrade') content = <UpgradeWalkthrough {...flow} model={mode.model} />;
  else if (mode.name === 'wizard') content = <AccessWizard {...flow} model={mode.model} />;
  else if (mode.name === 'confirm') {
    content = (
      <ConfirmChange
        {...flow}
        change={mode.change}
        title={mode.title}
        action={mode.action}
        replan={mode.replan}
        {...(mode.intro ? {intro: mode.intro} : {})}
        {...(mode.editAgain ? {onEditAgain: mode.editAgain} : {})}
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

  // A refusal is one sentence; at 80 columns it may take two rows, so it wraps instead of losing its end.
  const statusRows = status ? wrapWords(status, width) : [' '];
  const bodyHeight = Math.max(1, height - titleLines.length - 1 - statusRows.length);
  const tabProps = {width, height: bodyHeight, isActive: mode.name === 'tabs'};
  const iamProps = {...tabProps, ids: unique.ids, removalRefusal};
  let body: React.ReactNode;
  if (mode.name === 'editing')
    body = <Text color={theme.muted}>Editing the policy in {sanitizeText(editorCommand())}…</Text>;
  else if (state.status === 'error')
    body = <Text color={theme.danger}>{state.message} Press r to try again.</Text>;
  else if (!model) body = <Text color={theme.muted}>Reading the key policy…</Text>;
  else if (tab === 0) body = <PolicyTab model={model} {...tabProps} onTyping={setTyping} />;
  else if (tab === 1)
    body = <AccessTab model={model} accountId={keyDetails.accountId} {...iamProps} extra={whoLines} />;
  else if (tab === 2) body = <FindingsTab model={model} {...iamProps} extra={grantFindings} />;
  else if (tab === 4) {
    body = (
      <GrantsTab
        keyDetails={keyDetails}
        grants={grants}
        {...tabProps}
        onCapture={setTyping}
        revokeRefusal={actionRefusal('revoke', keyDetails, readOnly)}
        onRevoke={revoke}
        onStatus={setStatus}
        place={grantsPlace}
      />
    );
  } else if (tab === 5) body = <DetailsTab keyDetails={keyDetails} {...tabProps} round={detailsRound} />;
  else {
    body = (
      <HistoryTab
        key={historyRound}
        keyDetails={keyDetails}
        {...tabProps}
        restoreRefusal={changeRefusal('restore', keyDetails, model, readOnly)}
        onRestore={entry => restore(model, entry)}
      />
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {title}
      <TabBar
        active={tab}
        offerUpgrade={!!model && !changeRefusal('upgrade', keyDetails, model, readOnly)}
        width={width}
      />
      <Box height={bodyHeight} flexDirection="column" overflow="hidden">
        {body}
      </Box>
      {statusRows.map((row, i) => (
        <Text key={i} color={status ? theme.warning : theme.muted} wrap="truncate-end">
          {row}
        </Text>
      ))}
    </Box>
  );
}
