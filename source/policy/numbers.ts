// Every count keypol shows a person ("2,000 grants", "1,234 of 10,022 keys", "32,768 bytes") is
// written with en-US digit grouping, whatever the machine's locale, so screens, messages and tests
// read alike. One formatter, built once; it is about one place deciding, not speed (Node caches
// toLocaleString's formatter too: both take under 1 µs a call). --json keeps numbers as numbers.
const GROUPED = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});

export function formatCount(n: number): string {
  return GROUPED.format(n);
}
