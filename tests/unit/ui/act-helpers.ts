/** Waiting helpers for React component tests in jsdom (inside act, no fixed sleeps). */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

export const wait = (ms: number) => act(() => new Promise<void>((r) => setTimeout(r, ms)));

/** Polls until `ok()` holds; the machine may be busy, so tests wait for a state, not a time. */
export async function until(ok: () => boolean, timeout = 5000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > timeout) throw new Error('timed out waiting');
    await wait(20);
  }
}

/**
 * A React root on a fresh host element for each test (created before, unmounted and removed
 * after): `const dom = mountEach(); … dom.root.render(…); dom.host.querySelector(…)`.
 */
export function mountEach(): { readonly root: Root; readonly host: HTMLDivElement } {
  let root: Root | undefined;
  let host: HTMLDivElement | undefined;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root?.unmount());
    host?.remove();
  });
  return {
    get root() {
      return root!;
    },
    get host() {
      return host!;
    },
  };
}
