// The local backups of this key (newest first): each is the exact policy text the key had before
// keypol changed it, marked when that change did not take effect (AWS refused it, another writer
// came first). Enter restores the selected one, through the same review and write path. Damaged
// backup files are counted and skipped.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeyInput} from '../../keyInput.js';
import type {BackupEntry, BackupListing, KeyDetails} from '../../../aws/types.js';
import {formatCount, sanitizeText, utcTime} from '../../../policy/index.js';
import {useGateway, useOverlayOpen, useScreen, useTheme} from '../../context.js';
import {errorMessage} from '../../hooks/usePolicy.js';
import {actionFor, splitKeys} from '../../keymap.js';
import {fit} from '../../../policy/index.js';
import {wrapWords} from '../../components/LineView.js';
import {follow, move, type Move, type View} from '../../viewport.js';

export interface HistoryTabProps {
  keyDetails: KeyDetails;
  width: number;
  height: number;
  isActive: boolean;
  /** Why no backup can be restored now (read-only, pending deletion...), if so. */
  restoreRefusal?: string | undefined;
  onRestore: (entry: BackupEntry) => void;
}

type Loaded = {status: 'loading'} | {status: 'error'; message: string} | ({status: 'ready'} & BackupListing);

const MOVES = new Set<string>(['up', 'down', 'pageUp', 'pageDown']);
const NO_BACKUPS: BackupEntry[] = [];

/** One line under the list: what the marks mean and how many files were skipped, when any. */
function legend({backups, damaged}: BackupListing): string | undefined {
  const parts: string[] = [];
  const changes = new Set(backups.map(changeOf));
  if (changes.has('not-applied')) parts.push('✗ the change was not applied (nothing changed)');
  if (changes.has('unknown')) parts.push('? not known whether the change was applied');
  if (damaged.length) {
    parts.push(
      `${formatCount(damaged.length)} damaged backup file${damaged.length === 1 ? '' : 's'} skipped (keypol history names them)`,
    );
  }
  return parts.length ? parts.join(' · ') : undefined;
}

export function backupRow(entry: BackupEntry, width: number): string {
  const time = sanitizeText(utcTime(entry.time));
  const caller = sanitizeText(entry.caller).replace(/^arn:aws[\w-]*:(iam|sts)::\d{12}:/, '');
  const reason = `${entry.reason}${CHANGE_MARK[changeOf(entry)]}`;
  return fit(`${time.padEnd(24)}${reason.padEnd(14)}${entry.sha256.slice(0, 12)}  ${caller}`, width);
}

type Change = 'applied' | 'not-applied' | 'unknown' | 'overwritten';

function changeOf(entry: BackupEntry): Change {
  if (entry.reason === 'conflict') return 'overwritten';
  return entry.applied === false ? 'not-applied' : entry.applied === null ? 'unknown' : 'applied';
}

// Marks after the reason; the legend under the list says what they mean.
const CHANGE_MARK: Record<Change, string> = {
  applied: '',
  'not-applied': ' ✗',
  unknown: ' ?',
  overwritten: '',
};

export function HistoryTab({
  keyDetails,
  width,
  height,
  isActive,
  restoreRefusal,
  onRestore,
}: HistoryTabProps) {
  const gateway = useGateway();
  const theme = useTheme();
  const [loaded, setLoaded] = useState<Loaded>({status: 'loading'});
  const [view, setView] = useState<View>({cursor: 0, offset: 0});
  // Keys of one read (↓↓ Enter) run before a render: each starts from the view the last one left.
  const latest = useRef(view);
  latest.current = view;
  const overlay = useOverlayOpen();

  useEffect(() => {
    let live = true;
    gateway.history(keyDetails.arn).then(
      listing =>
        live &&
        setLoaded({
          status: 'ready',
          backups: [...listing.backups].sort((a, b) => b.time.localeCompare(a.time)),
          damaged: listing.damaged,
        }),
      error => live && setLoaded({status: 'error', message: errorMessage(error)}),
    );
    return () => {
      live = false;
    };
  }, [gateway, keyDetails.arn]);

  const entries = loaded.status === 'ready' ? loaded.backups : NO_BACKUPS;
  const legendText = loaded.status === 'ready' ? legend(loaded) : undefined;
  // The intro wraps rather than losing its end (why restoring is off, at 80 columns).
  const intro = wrapWords(
    entries.length === 0
      ? 'No backups yet: keypol saves one here before every change it makes to this key.'
      : `Backups of this key (${formatCount(entries.length)}), newest first. ${restoreRefusal ? `Restoring is off: ${restoreRefusal}` : 'Enter restores the selected one after a review.'}`,
    width,
  ).slice(0, Math.max(1, height - 2));
  // The legend wraps too; it never takes the last rows of the list.
  const notes = legendText
    ? wrapWords(legendText, width).slice(0, Math.max(0, height - 2 - intro.length))
    : [];
  const listHeight = Math.max(1, height - 1 - intro.length - notes.length);
  const current = follow(view, entries.length, listHeight);
  // Enter means "restore" only when there is a backup to restore (the footer follows).
  useScreen('history', isActive && entries.length > 0 && !restoreRefusal);

  useKeyInput(
    (input, key) => {
      for (const [i, k] of splitKeys(input, key)) {
        const scroll = actionFor('keyDetail', i, k);
        if (scroll && MOVES.has(scroll)) {
          latest.current = move(latest.current, scroll as Move, entries.length, listHeight);
          setView(latest.current);
        } else if (actionFor('history', i, k) === 'restore') {
          const entry = entries[follow(latest.current, entries.length, listHeight).cursor];
          if (entry && !restoreRefusal) onRestore(entry);
          return;
        }
      }
    },
    {isActive: isActive && !overlay},
  );

  const rows = useMemo(
    () => entries.slice(current.offset, current.offset + listHeight).map(e => backupRow(e, width)),
    [entries, current.offset, listHeight, width],
  );

  if (loaded.status !== 'ready') {
    return (
      <Box height={height} width={width}>
        <Text color={loaded.status === 'error' ? theme.danger : theme.muted} wrap="truncate-end">
          {loaded.status === 'error' ? loaded.message : 'Reading the local backups…'}
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height} width={width}>
      {intro.map((text, i) => (
        <Text key={`intro-${i}`} bold wrap="truncate-end">
          {text}
        </Text>
      ))}
      <Text color={theme.muted} wrap="truncate-end">
        {fit(`${'time'.padEnd(24)}${'reason'.padEnd(14)}${'sha256'.padEnd(14)}caller`, width)}
      </Text>
      {rows.map((row, i) => (
        <Text key={current.offset + i} inverse={current.offset + i === current.cursor}>
          {row}
        </Text>
      ))}
      {notes.map((text, i) => (
        <Text key={`notes-${i}`} color={theme.muted} wrap="truncate-end">
          {text}
        </Text>
      ))}
    </Box>
  );
}
