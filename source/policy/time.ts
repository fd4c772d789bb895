// One way to write a time wherever keypol prints one (History, prompts, the CLI, the header):
// ISO 8601 in UTC to the second, "2026-12-02T08:31:05Z". Sortable, unambiguous across time zones,
// and the form backups and the audit log store (less the milliseconds).

export function utcTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}
