// The detail screen's title: which key this is. The policy badge, a state other than Enabled and
// the whole key id must stay in view (a cut id cannot be copied), so they are laid out first and
// the aliases take what is left: as many as fit, then "+N more". When the first alias does not fit
// beside them, the aliases get a line of their own. Spec and description follow while room lasts.
import type {KeyDetails} from '../../../aws/types.js';
import {displayWidth, sanitizeText, truncate} from '../../../policy/index.js';
import {aliasList} from '../../aliasList.js';

export type TitleKind = 'alias' | 'badge' | 'state' | 'muted';
export interface TitlePart {
  text: string;
  kind: TitleKind;
}
export type TitleLine = TitlePart[];

const SEP = ' · ';
/** Cells kept for the badge while the policy is read, so the title does not reflow when it arrives. */
const BADGE_ROOM = 12;
/** From here the title may take two lines to keep the whole key id (narrower: its short form). */
const TWO_LINES_FROM = 80;

export function keyTitleLines(key: KeyDetails, badge: string | undefined, width: number): TitleLine[] {
  const aliases = key.aliases.map(a => sanitizeText(a));
  const state = sanitizeText(key.state);
  const id = sanitizeText(key.keyId);
  const shortId = truncate(id, 10);
  const badgeText = badge === undefined ? '…' : sanitizeText(badge);

  const facts = (keyId: string): TitleLine => [
    {text: badgeText, kind: badge === undefined ? 'muted' : 'badge'},
    // Most important first, as a line is cut at the right edge: a state other than Enabled
    // (PendingDeletion, Disabled) comes right after the policy badge, in full.
    ...(state !== 'Enabled' ? [sep(), {text: state, kind: 'state' as const}] : []),
    sep(),
    {text: keyId, kind: 'muted'},
  ];
  const factsWidth = (keyId: string) =>
    Math.max(BADGE_ROOM, displayWidth(badgeText)) +
    (state !== 'Enabled' ? SEP.length + displayWidth(state) : 0) +
    SEP.length +
    displayWidth(keyId);
  const tail: TitleLine = [
    {
      text:
        `${SEP}${sanitizeText(key.keySpec)}` +
        (width > 100 && key.description ? `${SEP}${sanitizeText(key.description)}` : ''),
      kind: 'muted',
    },
  ];
  const oneLine = (keyId: string): TitleLine[] | undefined => {
    const names = aliasList(aliases, width - SEP.length - factsWidth(keyId));
    return names === undefined
      ? undefined
      : [[{text: names, kind: 'alias'}, sep(), ...facts(keyId), ...tail]];
  };
  const twoLines = (): TitleLine[] => [
    [{text: aliasList(aliases, width, {cut: true}) ?? '', kind: 'alias'}],
    [...facts(factsWidth(id) <= width ? id : shortId), ...tail],
  ];
  return oneLine(id) ?? (width >= TWO_LINES_FROM ? undefined : oneLine(shortId)) ?? twoLines();
}

function sep(): TitlePart {
  return {text: SEP, kind: 'muted'};
}
