/** Days as integers YYYYMMDD (the `last` column of evidence records, columns.ts) and back. */

/** YYYY-MM-DD at the start of a date as the integer YYYYMMDD (same order as the text), or -1. */
export function dayCode(date: string): number {
  if (date.length < 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  let v = 0;
  for (let k = 0; k < 10; k++) {
    if (k === 4 || k === 7) continue;
    const c = date.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const dayTexts = new Map<number, string>();
/** The text of a day code (memoised). */
export function dayText(code: number): string {
  let text = dayTexts.get(code);
  if (text === undefined) {
    const y = Math.floor(code / 10000);
    const m = Math.floor(code / 100) % 100;
    const d = code % 100;
    text = `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
    if (dayTexts.size < 100_000) dayTexts.set(code, text);
  }
  return text;
}
