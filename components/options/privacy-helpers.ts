/** Pure helpers of the Privacy section (unit-tested). */

/** kenner-export-2026-11-22.json (local date). */
export function exportFileName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `kenner-export-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}.json`;
}

/** Retention in days: a whole number from 1 to 3650, else null. */
export function parseRetention(raw: string): number | null {
  if (!/^\s*\d+\s*$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= 3650 ? n : null;
}
