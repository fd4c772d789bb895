// How the Access and Findings tabs show the unique ids (AROA…, AIDA…) a policy names, once IAM
// has been asked: a live one by its name, one no role or user has as "deleted (confirmed)", and
// while the listing loads the id as it is with "checking…". On top of both tabs, one block says
// what IAM answered, offers d (remove the deleted ones) when it may, and when the listing was
// loaded (r reloads it). Everything IAM returned is sanitised here.
import {
  deletionUnconfirmed,
  formatCount,
  sanitizeText,
  utcTime,
  type UniqueIdState,
} from '../../../policy/index.js';
import type {IamPrincipal} from '../../../aws/types.js';
import {paragraph, type Line} from '../../components/LineView.js';
import {confirmedDeleted, type UniqueIds} from '../../hooks/useUniqueIds.js';
import type {Theme} from '../../theme.js';

/** A unique id as a policy line shows it: the name column, the kind column, a note under it. */
export interface IdDisplay {
  name: string;
  kind: string;
  warn: boolean;
  muted?: boolean;
  note?: string;
}

const shownName = (p: IamPrincipal): string => sanitizeText(`${p.type}${p.path}${p.name}`);

function stateOf(ids: UniqueIds, id: string): UniqueIdState | undefined {
  return ids.status === 'resolved' ? ids.states.find(s => s.id === id) : undefined;
}

/** How the id `value` shows; undefined when it is not one of the policy's unique ids being resolved. */
export function idDisplay(ids: UniqueIds | undefined, value: string): IdDisplay | undefined {
  if (!ids || ids.status === 'none') return undefined;
  const listed = ids.status === 'resolved' ? ids.states.some(s => s.id === value) : ids.ids.includes(value);
  if (!listed) return undefined;
  const id = sanitizeText(value);
  if (ids.status === 'checking') return {name: id, kind: 'checking…', warn: false, muted: true};
  if (ids.status === 'unconfirmed') {
    return {
      name: id,
      kind: '⚠ deleted principal?',
      warn: true,
      note: 'A unique id: usually a deleted role or user, but IAM cannot be listed to confirm it.',
    };
  }
  const state = stateOf(ids, value);
  if (state?.state === 'live') {
    const what = state.principal.type === 'role' ? 'IAM role' : 'IAM user';
    return {name: shownName(state.principal), kind: `${what} · ${id}`, warn: false};
  }
  return {
    name: id,
    kind: '⚠ deleted (confirmed)',
    warn: true,
    note: 'No role or user has this id any more (IAM confirms it): it gives nobody access.',
  };
}

/** The id as one name for a list (Who can use this key): undefined leaves the policy's own name. */
export function idName(ids: UniqueIds | undefined, value: string): string | undefined {
  const shown = idDisplay(ids, value);
  if (!shown || ids?.status === 'unconfirmed') return undefined;
  const id = sanitizeText(value);
  if (ids?.status === 'checking') return `${id} (checking…)`;
  return shown.name === id ? `${id} (deleted, confirmed)` : `${shown.name} (${id})`;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${formatCount(n)} ${many}`);

/**
 * The block on top of the Access and Findings tabs. `refusal`: why no change can be made to this
 * key (read-only, AWS managed…): then d is not offered.
 */
export function uniqueIdBlock(
  ids: UniqueIds | undefined,
  refusal: string | undefined,
  width: number,
  theme: Theme,
): Line[] {
  if (!ids || ids.status === 'none') return [];
  if (ids.status === 'checking') {
    return [
      ...paragraph(
        `Checking ${plural(ids.ids.length, 'unique id', 'unique ids')} (AROA…/AIDA…) against the account's IAM roles and users…`,
        width,
        {color: theme.muted},
      ),
      [],
    ];
  }
  if (ids.status === 'unconfirmed') {
    return [
      ...paragraph(
        `⚠ ${sanitizeText(deletionUnconfirmed(ids.ids, ids.message))}`,
        width,
        {color: theme.warning},
        2,
      ),
      ...paragraph('r asks IAM again.', width, {color: theme.muted}),
      [],
    ];
  }
  const deleted = confirmedDeleted(ids);
  const lines: Line[] =
    deleted.length === 0
      ? paragraph(
          `✔ ${ids.states.length === 1 ? 'The unique id in this policy is' : 'Every unique id in this policy is'} a live role or user: shown by name.`,
          width,
          {color: theme.success},
          2,
        )
      : [
          ...paragraph(
            `⚠ ${plural(deleted.length, 'deleted principal', 'deleted principals')}, confirmed by IAM: ${sanitizeText(deleted.join(', '))}.`,
            width,
            {color: theme.warning, bold: true},
            2,
          ),
          ...paragraph(
            refusal ??
              `Press d to remove ${deleted.length === 1 ? 'it' : 'them'} from every statement (you review the change first).`,
            width,
            {color: refusal ? theme.muted : theme.accent},
            2,
          ),
        ];
  const when = ids.loadedAt ? `loaded ${utcTime(ids.loadedAt)}` : 'loaded';
  lines.push(
    ...paragraph(`IAM roles and users ${when} · r reloads them`, width, {color: theme.muted}, 2),
    [],
  );
  return lines;
}
