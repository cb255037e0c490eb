/** Waiting helpers for React component tests in jsdom (inside act, no fixed sleeps). */
import { act } from 'react';

export const wait = (ms: number) => act(() => new Promise<void>((r) => setTimeout(r, ms)));

/** Polls until `ok()` holds; the machine may be busy, so tests wait for a state, not a time. */
export async function until(ok: () => boolean, timeout = 5000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > timeout) throw new Error('timed out waiting');
    await wait(20);
  }
}
