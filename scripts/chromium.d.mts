/** Types for scripts/chromium.mjs (plain Node ESM, no build step). */
export const CHROMIUM_FLAGS: string[];
/** Path of a Chromium or Chrome executable; throws with a hint when none is found. */
export function findChromium(opts?: { install?: boolean; quiet?: boolean }): Promise<string>;
