/** Types for scripts/firefox.mjs (plain Node ESM, no build step). */
/** Path of a Firefox executable (≥ 138 for the tests); throws with a hint when none is found. */
export function findFirefox(opts?: { install?: boolean; quiet?: boolean }): Promise<string>;
