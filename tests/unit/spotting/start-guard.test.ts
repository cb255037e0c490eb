// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { guardStartAnnouncements } from '../../../utils/page/start-guard';

// WXT's names (wxt/utils/internal/custom-events): `<extension id>:<entrypoint>:wxt:content-script-started`.
const EVENT = 'kennerextensionid:content:wxt:content-script-started';

beforeAll(() => {
  (globalThis as { chrome?: unknown }).chrome = { runtime: { id: 'kennerextensionid' } };
  vi.stubEnv('ENTRYPOINT', 'content');
});
afterAll(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
  vi.unstubAllEnvs();
});

describe("WXT's start announcement stays with Kenner", () => {
  it('is not posted to the page; other messages are', async () => {
    const seen: unknown[] = [];
    window.addEventListener('message', (e) => seen.push(e.data));
    const guard = guardStartAnnouncements(window);
    window.postMessage({ type: EVENT, contentScriptName: 'content', messageId: 'a' }, '*');
    window.postMessage({ type: 'page-own' }, '*');
    await vi.waitFor(() => expect(seen).toEqual([{ type: 'page-own' }]));
    guard.started();
  });

  it("only our own starting script's event reaches WXT's listener, never one the page dispatches later", () => {
    const reached: string[] = [];
    const guard = guardStartAnnouncements(window);
    // WXT's listener, registered when its context is created (after the guard).
    document.addEventListener(EVENT, (e) => reached.push((e as CustomEvent<{ messageId: string }>).detail.messageId));
    document.dispatchEvent(new CustomEvent(EVENT, { detail: { contentScriptName: 'content', messageId: 'our-next-script' } }));
    guard.started();
    document.dispatchEvent(new CustomEvent(EVENT, { detail: { contentScriptName: 'content', messageId: 'from-the-page' } }));
    expect(reached).toEqual(['our-next-script']);
  });
});
