// Which key-list columns fit the terminal, and how wide each is. Columns join by priority while
// their minimum widths fit; spare cells then widen them step by step (GROWTH), and the
// description takes whatever is left. The state is never cut (PendingDeletion); below 89 columns
// the spec is dropped, below 125 the manager (AWS managed keys still show it in their badge).
import type {KeyRow} from './keyRows.js';

export type ColumnKey = keyof KeyRow['cells'];

export interface Column {
  key: ColumnKey;
  title: string;
  width: number;
}

interface ColumnSpec {
  key: ColumnKey;
  title: string;
  min: number;
  /** Cells that must be left over for the column to be worth showing (the manager yields to the description). */
  reserve?: number;
}

/** Display order. */
const SPECS: readonly ColumnSpec[] = [
  {key: 'alias', title: 'ALIAS', min: 16},
  {key: 'id', title: 'KEY ID', min: 10},
  // Every KMS state in full (PendingDeletion); PendingReplicaDeletion still reads unambiguously cut.
  {key: 'state', title: 'STATE', min: 15},
  // The spec yields to the description below ~90 columns (the detail header and Details tab show it).
  {key: 'spec', title: 'SPEC', min: 10, reserve: 20},
  // The manager joins once the whole key id still fits beside it (125 columns on).
  {key: 'manager', title: 'MANAGER', min: 8, reserve: 36},
  {key: 'badge', title: 'POLICY', min: 12}, // badges are at most 12 characters
  {key: 'description', title: 'DESCRIPTION', min: 10},
];

const PRIORITY: readonly ColumnKey[] = ['alias', 'id', 'badge', 'state', 'spec', 'description', 'manager'];

/** How spare cells are handed out: each step widens a column up to a cap. */
const GROWTH: ReadonlyArray<[ColumnKey, number]> = [
  ['alias', 20],
  ['description', 16],
  ['id', 36], // all or nothing: a whole key id can be copied, a cut one cannot (120 columns on)
  ['spec', 13], // ECC_NIST_P256
  ['description', 22],
  ['alias', 24],
  ['badge', 13],
  ['description', 30],
  ['alias', 32],
  ['spec', 17],
  ['description', 40],
  ['description', Number.POSITIVE_INFINITY],
];

/** Cells before the first column: the selection marker. */
export const MARKER_WIDTH = 2;
export const GAP = 1;

export function layoutColumns(width: number): Column[] {
  const available = width - MARKER_WIDTH;
  const chosen = new Set<ColumnKey>();
  let used = -GAP;
  for (const key of PRIORITY) {
    const spec = SPECS.find(s => s.key === key)!;
    if (used + GAP + spec.min + (spec.reserve ?? 0) > available) continue;
    chosen.add(key);
    used += GAP + spec.min;
  }
  const widths = new Map(SPECS.filter(s => chosen.has(s.key)).map(s => [s.key, s.min]));
  let spare = available - used;
  for (const [key, cap] of GROWTH) {
    const current = widths.get(key);
    if (current === undefined || spare <= 0) continue;
    if (key === 'id' && spare < cap - current) continue;
    const grow = Math.max(0, Math.min(spare, cap - current));
    widths.set(key, current + grow);
    spare -= grow;
  }
  // When the description is hidden or full, the alias takes the rest so rows reach the edge.
  if (spare > 0 && widths.has('alias')) widths.set('alias', widths.get('alias')! + spare);
  return SPECS.filter(s => widths.has(s.key)).map(s => ({
    key: s.key,
    title: s.title,
    width: widths.get(s.key)!,
  }));
}
