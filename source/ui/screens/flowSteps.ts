// Step headings of a change flow: "Step 2 of 4 · Review the change". The number and the total
// follow the steps this flow really shows (a step that is skipped is not counted), so the
// headings never jump from 1 to 3.
import type {StepLabels} from './ConfirmChange.js';

/** The heading of each step, by name, for a flow whose steps are `names` in order. */
export function stepHeadings<N extends string>(
  names: readonly N[],
  titles: Record<N, string>,
): Record<N, string> {
  const out = {} as Record<N, string>;
  names.forEach((name, i) => {
    out[name] = `Step ${i + 1} of ${names.length} · ${titles[name]}`;
  });
  return out;
}

const CHANGE_TITLES = {review: 'Review the change', confirm: 'Confirm', result: 'Result'} as const;

/**
 * Headings for a flow whose own steps (`before`) end in the shared review → confirm → result.
 * Returns the flow's own headings and the labels ConfirmChange shows.
 */
export function flowHeadings<N extends string>(
  before: readonly N[],
  titles: Record<N, string>,
): {own: Record<N, string>; change: StepLabels} {
  const all = stepHeadings([...before, 'review', 'confirm', 'result'] as const, {
    ...titles,
    ...CHANGE_TITLES,
  });
  return {
    own: all as Record<N, string>,
    change: {review: all.review, confirm: all.confirm, result: all.result},
  };
}
