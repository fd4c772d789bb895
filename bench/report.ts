// The results table: one row per figure, with its median, spread, budget and verdict. Printed to
// the terminal and written, with the machine's description, to bench/RESULTS.md.
import {summarise} from './stats.js';

export type Unit = 'ms' | 's' | 'MiB' | '×' | 'count';

export interface Row {
  section: string;
  label: string;
  /** The median (or the single figure), formatted with its unit. */
  value: string;
  /** min–max and number of runs, or why the row has no figure. */
  detail: string;
  budget: string;
  verdict: 'OK' | 'OVER' | 'not measured' | '';
}

export function format(value: number, unit: Unit): string {
  switch (unit) {
    case 'ms':
      return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
    case 's':
      return `${value.toFixed(2)} s`;
    case 'MiB':
      return `${value.toFixed(0)} MiB`;
    case '×':
      return `${value.toFixed(2)}×`;
    case 'count':
      return String(Math.round(value));
  }
}

/** A row from repeated measurements; `max` is the budget (inclusive), if the figure has one. */
export function measured(
  section: string,
  label: string,
  values: readonly number[],
  unit: Unit,
  max?: number,
  note = '',
): Row {
  const s = summarise(values);
  const spread = s.runs > 1 ? `${format(s.min, unit)} – ${format(s.max, unit)}, ${s.runs} runs` : '1 run';
  return {
    section,
    label,
    value: format(s.median, unit),
    detail: note ? `${spread}; ${note}` : spread,
    budget: max === undefined ? '' : `≤ ${format(max, unit)}`,
    verdict: max === undefined ? '' : s.median <= max ? 'OK' : 'OVER',
  };
}

export function notMeasured(section: string, label: string, reason: string, budget = ''): Row {
  return {section, label, value: '–', detail: reason, budget, verdict: 'not measured'};
}

const HEADER = ['#', 'measurement', 'median', 'spread / notes', 'budget', 'verdict'];

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function markdownTable(rows: readonly Row[]): string {
  const lines = [`| ${HEADER.join(' | ')} |`, `| ${HEADER.map(() => '---').join(' | ')} |`];
  for (const r of rows) {
    lines.push(`| ${[r.section, r.label, r.value, r.detail, r.budget, r.verdict].map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * The "…" rows under a keystroke figure: the CPU the program used from the key to its frame, and
 * how long its threads waited, ready, for a CPU (TuiSession.sched). A figure over budget with little
 * CPU is a busy machine; one with CPU near the budget is a slow program.
 */
export function keystrokeCpuRows(section: string, cpu: readonly number[], wait: readonly number[]): Row[] {
  if (cpu.length === 0) return [];
  return [
    measured(section, '… keypol CPU per keystroke (all threads)', cpu, 'ms', undefined, 'schedstat'),
    measured(
      section,
      '… keypol waiting for a CPU per keystroke',
      wait,
      'ms',
      undefined,
      'run queue, all threads',
    ),
  ];
}
